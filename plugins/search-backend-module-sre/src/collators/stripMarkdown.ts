/**
 * Reduces Markdown to the plain words a search index needs: no front matter,
 * HTML, link targets, images' URLs, emphasis, heading, list or table markup.
 * Code stays as text (commands are worth finding), without its fences.
 */
export function stripMarkdown(markdown: string): string {
  return (
    markdown
      .replace(/\r\n?/g, '\n')
      // front matter
      .replace(/^---\n[\s\S]*?\n(?:---|\.\.\.)\s*(?:\n|$)/, '')
      // HTML comments, scripts and styles, then tags
      .replace(/<!--[\s\S]*?-->/g, ' ')
      .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ')
      .replace(/<\/?[a-zA-Z][^>]*>/g, ' ')
      // code fences (keep the code)
      .replace(/^[ \t]*(?:```|~~~).*$/gm, '')
      // reference definitions: [id]: https://...
      .replace(/^[ \t]{0,3}\[[^\]]+\]:[ \t]+\S.*$/gm, '')
      // images and links keep their text
      .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
      .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1')
      // headings, block quotes, horizontal rules, list markers
      .replace(/^[ \t]{0,3}#{1,6}[ \t]+/gm, '')
      .replace(/^[ \t]*(?:>[ \t]?)+/gm, '')
      .replace(/^[ \t]*(?:[-*_][ \t]*){3,}$/gm, '')
      .replace(/^[ \t]*(?:[-*+]|\d+[.)])[ \t]+(?:\[[ xX]\][ \t]+)?/gm, '')
      // tables
      .replace(
        /^[ \t]*\|?(?:[ \t]*:?-{3,}:?[ \t]*\|)+[ \t]*:?-*:?[ \t]*(?:\n|$)/gm,
        '',
      )
      .replace(/\|/g, ' ')
      // emphasis, strike-through, inline code
      .replace(/(\*\*|\*|~~)(\S(?:[\s\S]*?\S)?)\1/g, '$2')
      .replace(/(^|[^\w])(__?)(\S(?:[\s\S]*?\S)?)\2(?!\w)/g, '$1$3')
      .replace(/`+([^`]*)`+/g, '$1')
      // whitespace
      .replace(/[ \t]+/g, ' ')
      .replace(/ *\n */g, '\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim()
  );
}

import { Route, Routes, useResolvedPath } from 'react-router-dom';
import { EditPostmortemPage } from './EditPostmortemPage';
import { NewPostmortemPage } from './NewPostmortemPage';
import { PostmortemPage } from './PostmortemPage';
import { PostmortemsOverview } from './PostmortemsOverview';

/**
 * The "Incidents & postmortems" tab of a Component or System, with its own routes
 * under the tab's path (`/postmortems` by default): the list and the action items at
 * its root, `new` to write one (quick or full), `:id` to read one with its history,
 * `:id/edit` to change it. Search results link to `<entity page>/postmortems/<id>`.
 *
 * @public
 */
export function EntityPostmortemsContent() {
  // The tab's own path, whatever the app mounts it at.
  const basePath = useResolvedPath('.').pathname.replace(/\/$/, '');
  return (
    <Routes>
      <Route path="/" element={<PostmortemsOverview basePath={basePath} />} />
      <Route path="/new" element={<NewPostmortemPage basePath={basePath} />} />
      <Route path="/:id" element={<PostmortemPage basePath={basePath} />} />
      <Route
        path="/:id/edit"
        element={<EditPostmortemPage basePath={basePath} />}
      />
    </Routes>
  );
}

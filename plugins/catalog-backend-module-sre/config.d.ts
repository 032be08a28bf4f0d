export interface Config {
  /**
   * Configuration of the SRE Catalog plugins. The catalog module also reads
   * `sre.centralSreTeam`, `sre.platformTeam` and `sre.responsibilities`, declared
   * by `@sre-catalog/backstage-plugin-sre-backend`.
   */
  sre?: {
    /** The SRE Catalog's catalog module. */
    catalog?: {
      /**
       * Whether catalog files may be Sloth (`version: prometheus/v1`) or Pyrra
       * (`apiVersion: pyrra.dev/v1alpha1`) SLO documents, read as OpenSLO SLO
       * entities (default true). This installs the module's entity data parser;
       * set it to false when the app installs its own parser, which Backstage
       * allows only one of (or pass that parser to `createSloDocumentParser` as
       * `base`).
       */
      parseSlothAndPyrra?: boolean;
    };
  };
}

// The export layer's public surface: tokens handed over as Parquet.
export { exportParquet, shardFolderName, exportFolderKind, ExportFolderError, type ExportOptions, type ExportResult } from "./parquet";

// The export layer's public surface: tokens handed over as Parquet.
export { exportParquet, shardFileName, type ExportOptions, type ExportResult } from "./parquet";

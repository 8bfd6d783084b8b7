export * from "./check-request";
export * from "./check-result";
export * from "./events";
export * from "./findings";
export * from "./api";
export * from "./bridge";
export * from "./discovery";
export * from "./matrix";

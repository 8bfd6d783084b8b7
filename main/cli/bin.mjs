#!/usr/bin/env node
// The `ehlo` command. Runs the TypeScript sources through tsx, so `npx ehlo` works right after
// `npm install` with no build step.
import { register } from "tsx/esm/api";

register();
await import("./main.ts");

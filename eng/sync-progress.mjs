// Draws a terminal progress bar for one source's catalog sync until it ends:
//   node eng/sync-progress.mjs <hostUrl> <sourceId> <functionKey>
// Reads GET /api/sync/{sourceId} (the custom status {phase, done, total, perSecond, etaSeconds}); exits 0 when the
// sync completed, 1 when it failed or could not be read.
const [hostUrl, sourceId, key] = process.argv.slice(2);
if (!hostUrl || !sourceId || !key) {
  console.error("usage: node eng/sync-progress.mjs <hostUrl> <sourceId> <functionKey>");
  process.exit(2);
}

const width = 30;
const started = Date.now();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (s) => (s == null ? "--" : s >= 90 ? `${Math.floor(s / 60)}m${String(Math.round(s % 60)).padStart(2, "0")}s` : `${Math.round(s)}s`);

function draw(progress) {
  const done = progress?.done ?? 0;
  const total = progress?.total ?? 0;
  const filled = total > 0 ? Math.round((done / total) * width) : 0;
  const bar = "#".repeat(filled) + "-".repeat(width - filled);
  const rate = progress?.perSecond ?? 0;
  const items = progress?.items != null ? `  ${progress.items.toLocaleString("en")} items` : "";
  const line = `  [${bar}] ${done}/${total || "?"} units${items}  ${rate.toFixed(1)} units/s  ETA ${seconds(progress?.etaSeconds)}  ${progress?.phase ?? "starting"}`;
  process.stdout.write(process.stdout.isTTY ? `\r${line.padEnd(110)}` : `${line}\n`);
}

let failures = 0;
for (;;) {
  let status;
  try {
    const response = await fetch(`${hostUrl}/api/sync/${sourceId}`, { headers: { "x-functions-key": key } });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    status = await response.json();
    failures = 0;
  } catch (error) {
    if (++failures > 20) {
      console.error(`\nCould not read the sync status: ${error.message}`);
      process.exit(1);
    }
    await sleep(500);
    continue;
  }

  draw(status.progress);
  if (status.runtimeStatus && !["Running", "Pending", "Suspended"].includes(status.runtimeStatus)) {
    process.stdout.write("\n");
    const output = status.output ?? {};
    const elapsed = (Date.now() - started) / 1000;
    if (status.runtimeStatus === "Completed") {
      const rows = (output.written ?? 0) + (output.skipped ?? 0);
      console.log(`  ${output.status}: ${output.units} units, ${rows.toLocaleString("en")} rows (${(output.written ?? 0).toLocaleString("en")} written) in ${seconds(elapsed)}, ${Math.round(rows / Math.max(elapsed, 0.001)).toLocaleString("en")} rows/s${output.failedUnits ? `, ${output.failedUnits} units failed` : ""}`);
      process.exit(0);
    }
    console.error(`  The sync ended ${status.runtimeStatus}: ${status.failure ?? "see the host's log"}`);
    process.exit(1);
  }
  await sleep(500);
}

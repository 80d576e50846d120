/**
 * `triage-bot queries <alert.json>`: every KQL query the bot would run for the alert(s), as a JSON
 * array of {"name", "query", "timespan": "start/end"} (ISO 8601), with the configured windows.
 */
import { loadConfig, readDotEnv } from '../../config/load-config';
import { allQueriesFor, timespanText } from '../../domain/investigation';
import type { Command } from '../command';
import { readAlertFile } from './alert-file';

export const queries: Command = async (args, io) => {
  if (args.length !== 1 || args[0]!.startsWith('-')) {
    io.stderr('usage: triage-bot queries <alert.json>\n');
    return 2;
  }
  const config = loadConfig(readDotEnv(io.env));
  const settings = {
    investigationWindowBeforeMinutes: config.INVESTIGATION_WINDOW_BEFORE_MINUTES,
    investigationWindowAfterMinutes: config.INVESTIGATION_WINDOW_AFTER_MINUTES,
    correlationWindowHours: config.CORRELATION_WINDOW_HOURS,
  };
  const out = (await readAlertFile(args[0]!)).flatMap((alert) =>
    allQueriesFor(alert, settings).map((q) => ({ name: q.name, query: q.query, timespan: timespanText(q.timespan) })),
  );
  io.stdout(`${JSON.stringify(out, null, 2)}\n`);
  return 0;
};

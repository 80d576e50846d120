/** One line of check-config: an item, whether it works, and what to fix if not. */
export interface CheckResult {
  item: string;
  ok: boolean;
  detail: string;
}

/** Only the alerts of these customers (CUSTOMERS, by name): a customer's handoff and /triage; absent: every alert. */
export interface AlertScope {
  customers: readonly string[];
}

/** A numbered schema change with its exact inverse. Both are SQL scripts run in one transaction. */
export interface Migration {
  version: number;
  name: string;
  up: string;
  down: string;
}

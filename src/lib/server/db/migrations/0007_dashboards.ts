// A slot once kept for dashboard tables; dashboards need none (they read the other modules'
// tables), so it stays empty and is recorded like any other migration.
export const sql = ``;

// The service-level KPI's default target (≥ 80 % answered within the threshold, a common
// contact-centre standard such as "80/20" or "80/30"), and target directions made to match the
// registry: lower is better only for handle time, speed of answer and abandonment.
export const sql = `
INSERT INTO kpi_targets (kpi, team, channel, comparison, value)
SELECT 'service_level', NULL, NULL, 'min', 80
WHERE NOT EXISTS (SELECT 1 FROM kpi_targets WHERE kpi = 'service_level');

UPDATE kpi_targets SET comparison = CASE WHEN kpi IN ('aht', 'asa', 'abandon') THEN 'max' ELSE 'min' END;
`;

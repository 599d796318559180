// KPI settings, targets and the drug → class table. Every window, threshold and grace period of
// the contract's "Default KPI definitions" is a row here with its contract default, so a manager
// can change it in Settings and every page, export and CLI run picks it up. Values are text
// (one typed definition per key lives in src/lib/server/kpi/settings.ts).
export const sql = `
CREATE TABLE kpi_settings (
	key VARCHAR NOT NULL,
	value VARCHAR NOT NULL,
	updated_at TIMESTAMP NOT NULL DEFAULT now(),
	updated_by VARCHAR NOT NULL DEFAULT 'system'
);

INSERT INTO kpi_settings (key, value) VALUES
	('csat_satisfied_min', '4'),
	('nps_promoter_min', '9'),
	('nps_detractor_max', '6'),
	('fcr_repeat_window_hours', '168'),
	('refill_grace_days', '7'),
	('reminder_refill_window_days', '7'),
	('pdc_min_fill_dates', '2'),
	('pdc_adherent_threshold', '0.8'),
	('pdc_band_low', '0.6'),
	('pdc_min_treatment_days', '0'),
	('pdc_exclude_insulin', 'false'),
	('min_sample', '30'),
	('target_near_pct', '5'),
	('site_time_zone', 'UTC');

CREATE TABLE kpi_targets (
	kpi VARCHAR NOT NULL,
	team VARCHAR,
	channel VARCHAR,
	comparison VARCHAR NOT NULL,
	value DOUBLE NOT NULL,
	updated_at TIMESTAMP NOT NULL DEFAULT now(),
	updated_by VARCHAR NOT NULL DEFAULT 'system'
);

INSERT INTO kpi_targets (kpi, team, channel, comparison, value) VALUES
	('csat', NULL, NULL, 'min', 80),
	('nps', NULL, NULL, 'min', 70),
	('ces', NULL, NULL, 'min', 5),
	('fcr', NULL, NULL, 'min', 70),
	('aht', NULL, NULL, 'max', 300),
	('aht', NULL, 'voice', 'max', 300),
	('aht', NULL, 'chat', 'max', 480),
	('aht', NULL, 'app', 'max', 480),
	('aht', NULL, 'sms', 'max', 600),
	('aht', NULL, 'email', 'max', 900),
	('asa', NULL, NULL, 'max', 30),
	('abandon', NULL, NULL, 'max', 5),
	('response', NULL, NULL, 'min', 30),
	('pdc_adherent_share', NULL, NULL, 'min', 0.8),
	('refill_on_time', NULL, NULL, 'min', 0.9);

CREATE TABLE drug_classes (
	drug_name VARCHAR NOT NULL,
	drug_class VARCHAR NOT NULL,
	updated_at TIMESTAMP NOT NULL DEFAULT now(),
	updated_by VARCHAR NOT NULL DEFAULT 'system'
);

INSERT INTO drug_classes (drug_name, drug_class)
SELECT unnest(['atorvastatin', 'fluvastatin', 'lovastatin', 'pitavastatin', 'pravastatin',
	'rosuvastatin', 'simvastatin']), 'statin';

INSERT INTO drug_classes (drug_name, drug_class)
SELECT unnest(['benazepril', 'captopril', 'enalapril', 'fosinopril', 'lisinopril', 'moexipril',
	'perindopril', 'quinapril', 'ramipril', 'trandolapril', 'azilsartan', 'candesartan',
	'eprosartan', 'irbesartan', 'losartan', 'olmesartan', 'telmisartan', 'valsartan',
	'aliskiren']), 'ras';

INSERT INTO drug_classes (drug_name, drug_class)
SELECT unnest(['metformin', 'glimepiride', 'glipizide', 'glyburide', 'pioglitazone',
	'rosiglitazone', 'alogliptin', 'linagliptin', 'saxagliptin', 'sitagliptin', 'canagliflozin',
	'dapagliflozin', 'empagliflozin', 'ertugliflozin', 'dulaglutide', 'exenatide', 'liraglutide',
	'lixisenatide', 'semaglutide', 'tirzepatide', 'nateglinide', 'repaglinide']), 'diabetes';
`;

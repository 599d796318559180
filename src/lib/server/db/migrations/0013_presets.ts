// Import presets: the agent roster (a fifth input kind), the NDC product table that gives
// dispensing claims their drug name, what each import was read with, and saved mappings.
//
// The NDC seed is product level (labeler + product code, 9 digits): a product's every package
// size is the same drug. Entries come from public product listings (brand products whose NDC
// labeler/product codes appear in the FDA NDC Directory); a site checks and extends the table
// (Import → NDC table, or `careloop ndc`). The class follows from the drug-class table by name.
const SEED: [string, string][] = [
	// statins
	['000710155', 'atorvastatin'],
	['000710156', 'atorvastatin'],
	['000710157', 'atorvastatin'],
	['000710158', 'atorvastatin'],
	['003100751', 'rosuvastatin'],
	['003100752', 'rosuvastatin'],
	['003100754', 'rosuvastatin'],
	['003100755', 'rosuvastatin'],
	['000060735', 'simvastatin'],
	['000060740', 'simvastatin'],
	['000060749', 'simvastatin'],
	// RAS antagonists
	['000780423', 'valsartan'],
	['000780358', 'valsartan'],
	['000780359', 'valsartan'],
	['000780360', 'valsartan'],
	['000060951', 'losartan'],
	['000060952', 'losartan'],
	['000060960', 'losartan'],
	// diabetes (non-insulin)
	['000060221', 'sitagliptin'],
	['000060112', 'sitagliptin'],
	['000060277', 'sitagliptin'],
	['005970152', 'empagliflozin'],
	['005970153', 'empagliflozin'],
	['003106205', 'dapagliflozin'],
	['003106210', 'dapagliflozin'],
	['000021433', 'dulaglutide'],
	['000021434', 'dulaglutide']
];

export const sql = `
CREATE TABLE agents (
	agent_id VARCHAR NOT NULL,
	name VARCHAR NOT NULL,
	team VARCHAR,
	site VARCHAR,
	active BOOLEAN,
	import_id INTEGER NOT NULL
);

CREATE TABLE ndc_products (
	ndc VARCHAR PRIMARY KEY,
	drug_name VARCHAR NOT NULL,
	drug_class VARCHAR CHECK (drug_class IN ('diabetes', 'ras', 'statin', 'other')),
	updated_at TIMESTAMP NOT NULL,
	updated_by VARCHAR NOT NULL
);

INSERT INTO ndc_products (ndc, drug_name, drug_class, updated_at, updated_by) VALUES
${SEED.map(([ndc, name]) => `('${ndc}', '${name}', NULL, TIMESTAMP '2026-01-01 00:00:00', 'seed')`).join(',\n')};

CREATE TABLE import_sources (
	import_id INTEGER PRIMARY KEY,
	preset VARCHAR,
	mapping_name VARCHAR,
	mapping VARCHAR,
	sheet VARCHAR,
	merged INTEGER NOT NULL,
	reversed INTEGER NOT NULL
);

CREATE TABLE binary_satisfaction (
	survey_id VARCHAR NOT NULL,
	interaction_id VARCHAR,
	good BOOLEAN NOT NULL,
	rated_at TIMESTAMP NOT NULL,
	import_id INTEGER NOT NULL
);

CREATE TABLE saved_mappings (
	name VARCHAR PRIMARY KEY,
	kind VARCHAR NOT NULL,
	mapping VARCHAR NOT NULL,
	updated_at TIMESTAMP NOT NULL,
	updated_by VARCHAR NOT NULL
);
`;

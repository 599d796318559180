// Every migration, in order. Add a new numbered module and list it here; never edit an applied one.
import { sql as core } from './0001_core.ts';
import { sql as kpi } from './0002_kpi.ts';
import { sql as sentiment } from './0003_sentiment.ts';
import { sql as auth } from './0004_auth.ts';
import { sql as loop } from './0005_loop.ts';
import { sql as qa } from './0006_qa.ts';
import { sql as dashboards } from './0007_dashboards.ts';
import { sql as settings } from './0008_settings.ts';
import { sql as jobs } from './0010_jobs.ts';
import { sql as presets } from './0013_presets.ts';
import { sql as sentimentTrust } from './0016_sentiment_trust.ts';
import { sql as autoqa } from './0018_autoqa.ts';
import { sql as calibration } from './0019_calibration.ts';
import { sql as signIn } from './0021_sign_in.ts';
import { sql as auditPatients } from './0022_audit_patients.ts';
import { sql as privacy } from './0023_privacy.ts';
import { sql as serviceLevel } from './0024_service_level.ts';
import { sql as queues } from './0026_queues.ts';
import { sql as patients } from './0027_patients.ts';
import { sql as derived } from './0030_derived.ts';
import { sql as reminders } from './0031_reminders.ts';

export interface Migration {
	version: number;
	name: string;
	sql: string;
}

export const migrations: Migration[] = [
	{ version: 1, name: 'core', sql: core },
	{ version: 2, name: 'kpi', sql: kpi },
	{ version: 3, name: 'sentiment', sql: sentiment },
	{ version: 4, name: 'auth', sql: auth },
	{ version: 5, name: 'loop', sql: loop },
	{ version: 6, name: 'qa', sql: qa },
	{ version: 7, name: 'dashboards', sql: dashboards },
	{ version: 8, name: 'settings', sql: settings },
	{ version: 10, name: 'jobs', sql: jobs },
	{ version: 13, name: 'presets', sql: presets },
	{ version: 16, name: 'sentiment_trust', sql: sentimentTrust },
	{ version: 18, name: 'autoqa', sql: autoqa },
	{ version: 19, name: 'calibration', sql: calibration },
	{ version: 21, name: 'sign_in', sql: signIn },
	{ version: 22, name: 'audit_patients', sql: auditPatients },
	{ version: 23, name: 'privacy', sql: privacy },
	{ version: 24, name: 'service_level', sql: serviceLevel },
	{ version: 26, name: 'queues', sql: queues },
	{ version: 27, name: 'patients', sql: patients },
	{ version: 30, name: 'derived', sql: derived },
	{ version: 31, name: 'reminders', sql: reminders }
];

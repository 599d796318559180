// Calibration sessions: blind scoring by graders, an expert's answer key, agreement report.
export { category, fleissKappa, kappaWords, type KappaResult } from './agreement.ts';
export {
	buildReport,
	loadReport,
	type CalibrationReport,
	type Cell,
	type GraderFigures,
	type ItemFigures
} from './report.ts';
export {
	CalibrationError,
	createSession,
	getSession,
	listCandidateInteractions,
	listEligibleGraders,
	listSessions,
	mayReadReport,
	memberOf,
	myScores,
	scoreInSession,
	submitSession,
	type Member,
	type MemberRole,
	type Session
} from './sessions.ts';

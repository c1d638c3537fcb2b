/** Synthetic worlds: deterministic multi-sector data with planted networks and ground truth. */
export {
  generateWorld,
  plantedCounts,
  type Exploitation,
  type NetworkRole,
  type PlantedNetwork,
  type RecordKey,
  type SubmittedRecord,
  type WorldItem,
  type WorldOptions,
} from './world.ts';
export {
  memberOrganisation,
  WORLD_ORGANISATIONS,
  WORLD_TIP_LINE,
  worldOrganisation,
  type WorldOrganisation,
} from './organisations.ts';
export { createRandom, type Random } from './random.ts';
export {
  SCENARIO_HOTEL,
  SCENARIO_SUPPLY_SITE,
  scenarioWorkerVoice,
  type ScenarioSurvey,
  SCENARIO_MISSING_CHILD,
  SCENARIO_POLICE,
  SCENARIO_WANTED,
  scenarioGuestList,
  scenarioRecords,
  scenarioRingAccount,
  SCENARIO_RING_ACCOUNT,
} from './demo-scenario.ts';

/**
 * The model's closed lists as the server has them (the domain's taxonomy is plain data, shared
 * rather than copied, so a screen's choices cannot drift from what the API accepts).
 */
export { SECTORS, type Sector } from '../../src/domain/model/taxonomy.ts';

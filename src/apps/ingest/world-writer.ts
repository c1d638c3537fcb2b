/**
 * Writes a synthetic world to files as it is generated, item by item: each organisation's records
 * as JSON Lines, as CSV with a column mapping per file, or as FollowTheMoney entities, and the
 * ground truth beside them. Only a buffer of about 1 MiB per open file is held, so a world of any
 * size fits in little memory; writes are synchronous, so there is no back-pressure to manage.
 */
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { EntityDefinition } from '../../domain/model/entity.ts';
import { completeEnvelope } from '../../domain/model/envelope.ts';
import { toFtmEntity } from '../../domain/model/ftm.ts';
import type { RecordId } from '../../domain/model/ids.ts';
import type { PropertyDefinition } from '../../domain/model/property.ts';
import type { StoredRecord } from '../../domain/model/record.ts';
import { ENTITY_TYPES, entityType } from '../../domain/model/registry.ts';
import {
  WORLD_ORGANISATIONS,
  type Exploitation,
  type PlantedNetwork,
  type RecordKey,
  type SubmittedRecord,
  type WorldItem,
  type WorldOrganisation,
} from '../../domain/synth/index.ts';

/** The file formats a world is written in. */
export const WORLD_FORMATS = ['jsonl', 'csv', 'ftm'] as const;
/** A file format of a written world. */
export type WorldFormat = (typeof WORLD_FORMATS)[number];

/** Where and how to write a world. */
export interface WorldWriteOptions {
  /** The folder to write into; created when missing. Files of the same names are overwritten. */
  readonly out: string;
  readonly format: WorldFormat;
  /** The organisations that own the records (default: the world's). */
  readonly organisations?: readonly WorldOrganisation[];
}

/** What was written. */
export interface WorldWriteSummary {
  /** Records written to the organisations' files. */
  readonly records: number;
  /** Records left out, by type: in FtM, the types FollowTheMoney has no schema for. */
  readonly skipped: Readonly<Record<string, number>>;
  /**
   * CSV only: values that a re-import through the written mapping would not give back exactly,
   * counted by `Type.property: why`. Empty when the CSV files are a faithful copy.
   */
  readonly inexact: Readonly<Record<string, number>>;
  readonly mentions: number;
  readonly references: number;
  /** Planted networks, by kind of exploitation. */
  readonly networks: Readonly<Partial<Record<Exploitation, number>>>;
}

/** Separates the values of a many-valued property in one CSV cell; the written mapping splits on it. */
export const CSV_VALUE_SEPARATOR = '|';

/** Bytes a file buffers before it writes them out. */
const BUFFER_BYTES = 1 << 20;

/**
 * A file written in chunks of about 1 MiB with synchronous writes: created (or emptied) when
 * made, written when its buffer is full and when closed. Text is encoded into the buffer as it
 * comes, so that each line's string dies young (cheap to collect) instead of waiting in a long
 * string for the next write.
 */
export class BufferedFile {
  private fd: number;
  private readonly buffer = Buffer.allocUnsafe(BUFFER_BYTES);
  private length = 0;

  constructor(readonly path: string) {
    this.fd = openSync(path, 'w');
  }

  /** Appends text; writes the buffer out when the text might not fit. */
  write(text: string): void {
    // A UTF-16 code unit is at most 3 bytes of UTF-8.
    if (this.length + text.length * 3 > BUFFER_BYTES) {
      this.flush();
      if (text.length * 3 > BUFFER_BYTES) {
        this.writeOut(Buffer.from(text, 'utf8'));
        return;
      }
    }
    this.length += this.buffer.write(text, this.length, 'utf8');
  }

  /** Writes out what is buffered. */
  flush(): void {
    if (this.length === 0) return;
    this.writeOut(this.buffer.subarray(0, this.length));
    this.length = 0;
  }

  private writeOut(bytes: Buffer): void {
    // writeSync may write less than asked (a full pipe, a signal): go on until all is written.
    for (let offset = 0; offset < bytes.length;) offset += writeSync(this.fd, bytes, offset);
  }

  /** Writes out what is buffered and closes the file. */
  close(): void {
    if (this.fd === -1) return;
    this.flush();
    closeSync(this.fd);
    this.fd = -1;
  }

  /** Closes the file without writing what is buffered: after a failure, when the file is lost anyway. */
  abandon(): void {
    if (this.fd === -1) return;
    this.length = 0;
    closeSync(this.fd);
    this.fd = -1;
  }
}

/** Where one format puts the records of each owner. */
interface RecordSink {
  /** Writes a record; false when the format cannot hold it and it was left out. */
  write(organisation: WorldOrganisation, record: SubmittedRecord): boolean;
  close(): void;
  abandon(): void;
  readonly inexact: ReadonlyMap<string, number>;
}

/** Files made on first use, by key. */
class FileSet {
  private readonly files = new Map<string, BufferedFile>();

  /** The file of a key, created by `make` on first use. */
  get(key: string, make: () => BufferedFile): BufferedFile {
    let file = this.files.get(key);
    if (file === undefined) {
      file = make();
      this.files.set(key, file);
    }
    return file;
  }

  close(): void {
    for (const file of this.files.values()) file.close();
  }

  abandon(): void {
    for (const file of this.files.values()) file.abandon();
  }
}

function jsonLinesSink(out: string): RecordSink {
  const files = new FileSet();
  return {
    write(organisation, record) {
      const file = files.get(organisation.id, () => new BufferedFile(join(out, `${organisation.id}.jsonl`)));
      file.write(`${JSON.stringify(record)}\n`);
      return true;
    },
    close: () => {
      files.close();
    },
    abandon: () => {
      files.abandon();
    },
    inexact: new Map(),
  };
}

// The FtM entities carry no markings, but toFtmEntity takes a stored record, which has them; they are
// completed as an import would, at a fixed instant, so that the same world gives the same bytes.
const FTM_COLLECTED_AT = '2026-01-01T00:00:00Z';

function storedRecordOf(organisation: WorldOrganisation, record: SubmittedRecord): StoredRecord {
  return {
    // In a file of one owner's entities, an entity's id is its source record id: that is what the
    // owner's other records refer to it by, and what an FtM import reads back as its source
    // record id. (A Weft record id would not match the references.)
    id: record.sourceRecordId as RecordId,
    type: record.type,
    envelope: completeEnvelope(
      {
        ownerOrganisation: organisation.id,
        ownerSector: organisation.sector,
        sourceSystem: organisation.sourceSystem,
        sourceRecordId: record.sourceRecordId,
      },
      { ...organisation.markings, ...record.envelope },
      FTM_COLLECTED_AT,
    ),
    properties: record.properties,
    caption: null,
    version: 1,
    createdAt: FTM_COLLECTED_AT,
    updatedAt: FTM_COLLECTED_AT,
  };
}

function ftmSink(out: string): RecordSink {
  const files = new FileSet();
  return {
    write(organisation, record) {
      const entity = toFtmEntity(storedRecordOf(organisation, record));
      if (entity === undefined) return false;
      const file = files.get(organisation.id, () => new BufferedFile(join(out, `${organisation.id}.ftm.jsonl`)));
      file.write(`${JSON.stringify(entity)}\n`);
      return true;
    },
    close: () => {
      files.close();
    },
    abandon: () => {
      files.abandon();
    },
    inexact: new Map(),
  };
}

/** A CSV field, quoted when it holds a quote, a comma or a line break (RFC 4180). */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

interface CsvColumn {
  readonly name: string;
  readonly definition: PropertyDefinition;
}

/** The columns of an entity type's CSV file: every property it defines, in the order it defines them. */
function csvColumns(definition: EntityDefinition): CsvColumn[] {
  const columns = Object.entries(definition.properties).map(([name, property]) => ({ name, definition: property }));
  if (columns.some((column) => column.name === 'sourceRecordId')) {
    throw new Error(`${definition.name} has a property named sourceRecordId, the name of the id column`);
  }
  return columns;
}

/**
 * The column mapping that reads a CSV file written here back into the records it came from, under
 * the owner's source system and usual markings (what `weft import --mapping` takes).
 */
export function csvMapping(organisation: WorldOrganisation, definition: EntityDefinition): unknown {
  return {
    type: definition.name,
    sourceRecordId: '{sourceRecordId}',
    sourceSystem: organisation.sourceSystem,
    envelope: organisation.markings,
    properties: Object.fromEntries(
      csvColumns(definition).map(({ name, definition: property }) => [
        name,
        property.many ? { column: name, split: CSV_VALUE_SEPARATOR } : name,
      ]),
    ),
  };
}

function csvText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/**
 * The cell of one property, and why it would not read back exactly, if it would not: the mapping
 * trims cells, drops empty ones, splits on the separator and keeps each value once.
 */
function csvCell(value: unknown, column: CsvColumn): { cell: string; inexact?: string } {
  if (value === undefined) return { cell: '' };
  const values: unknown[] = Array.isArray(value) ? value : [value];
  const texts: string[] = [];
  let inexact: string | undefined;
  for (const item of values) {
    const text = csvText(item);
    if (text === undefined) inexact = 'a value that is not text, a number or true/false is left out';
    else {
      if (text === '' || text.trim() !== text)
        inexact = 'an empty value or one with spaces around it, which are trimmed';
      if (column.definition.many && text.includes(CSV_VALUE_SEPARATOR)) {
        inexact = `a value holding "${CSV_VALUE_SEPARATOR}", which separates values`;
      }
      texts.push(text);
    }
  }
  if (!column.definition.many && texts.length > 1) inexact = 'several values of a single-valued property';
  else if (new Set(texts).size < texts.length) inexact = 'a value repeated, which is read back once';
  const cell = csvField(texts.join(CSV_VALUE_SEPARATOR));
  return inexact === undefined ? { cell } : { cell, inexact };
}

interface CsvTable {
  readonly file: BufferedFile;
  readonly definition: EntityDefinition;
  readonly columns: readonly CsvColumn[];
}

function csvSink(out: string): RecordSink {
  const tables = new Map<string, CsvTable>();
  const inexact = new Map<string, number>();
  const note = (what: string) => inexact.set(what, (inexact.get(what) ?? 0) + 1);
  const tableOf = (organisation: WorldOrganisation, definition: EntityDefinition): CsvTable => {
    const key = `${organisation.id}/${definition.name}`;
    let table = tables.get(key);
    if (table === undefined) {
      const folder = join(out, organisation.id);
      mkdirSync(folder, { recursive: true });
      const columns = csvColumns(definition);
      writeFileSync(
        join(folder, `${definition.name}.mapping.json`),
        `${JSON.stringify(csvMapping(organisation, definition), null, 2)}\n`,
      );
      const file = new BufferedFile(join(folder, `${definition.name}.csv`));
      file.write(`${['sourceRecordId', ...columns.map((column) => column.name)].map(csvField).join(',')}\n`);
      table = { file, definition, columns };
      tables.set(key, table);
    }
    return table;
  };
  return {
    write(organisation, record) {
      const definition = entityType(record.type);
      if (definition === undefined) return false;
      const table = tableOf(organisation, definition);
      const { properties } = record;
      if (record.sourceRecordId.trim() !== record.sourceRecordId)
        note(`${record.type}.sourceRecordId: spaces around it`);
      let row = csvField(record.sourceRecordId);
      for (const column of table.columns) {
        const value = Object.hasOwn(properties, column.name) ? properties[column.name] : undefined;
        const { cell, inexact: why } = csvCell(value, column);
        if (why !== undefined) note(`${record.type}.${column.name}: ${why}`);
        row += `,${cell}`;
      }
      for (const name of Object.keys(properties)) {
        if (!Object.hasOwn(definition.properties, name)) note(`${record.type}.${name}: not a property of the type`);
      }
      table.file.write(`${row}\n`);
      return true;
    },
    close: () => {
      for (const table of tables.values()) table.file.close();
    },
    abandon: () => {
      for (const table of tables.values()) table.file.abandon();
    },
    inexact,
  };
}

function sinkOf(format: WorldFormat, out: string): RecordSink {
  switch (format) {
    case 'jsonl':
      return jsonLinesSink(out);
    case 'csv':
      return csvSink(out);
    case 'ftm':
      return ftmSink(out);
  }
}

/** The networks, streamed as the same pretty-printed JSON array as `JSON.stringify(networks, null, 2)`. */
class NetworksFile {
  private readonly file: BufferedFile;
  private count = 0;

  constructor(path: string) {
    this.file = new BufferedFile(path);
  }

  write(network: PlantedNetwork): void {
    const text = JSON.stringify(network, null, 2).replaceAll('\n', '\n  ');
    this.file.write(`${this.count === 0 ? '[\n' : ',\n'}  ${text}`);
    this.count += 1;
  }

  close(): void {
    this.file.write(this.count === 0 ? '[]\n' : '\n]\n');
    this.file.close();
  }

  abandon(): void {
    this.file.abandon();
  }
}

function mentionLine(key: RecordKey, person: string): string {
  // Written by hand rather than by JSON.stringify of a new object: there is a line for most records.
  return `{"owner":${JSON.stringify(key.owner)},"sourceRecordId":${JSON.stringify(key.sourceRecordId)},"person":${JSON.stringify(person)}}\n`;
}

function referenceLine(item: Extract<WorldItem, { kind: 'reference' }>): string {
  return `${JSON.stringify({
    owner: item.key.owner,
    sourceRecordId: item.key.sourceRecordId,
    ...(item.person === undefined ? {} : { person: item.person }),
    ...(item.network === undefined ? {} : { network: item.network }),
    ...(item.document === undefined ? {} : { document: item.document }),
  })}\n`;
}

const FORMAT_FILES: Readonly<Record<WorldFormat, string>> = {
  jsonl: `- \`<owner>.jsonl\`: the records of one organisation, one per line, as it submits them: \`type\`,
  \`sourceRecordId\` and \`properties\` (a reference to another record is that record's
  \`sourceRecordId\` at the same owner). Import with
  \`weft import <owner>.jsonl --org <owner> --source <sourceSystem>\`.`,
  csv: `- \`<owner>/<Type>.csv\`: the records of one type of one organisation, one per row: a
  \`sourceRecordId\` column, then a column per property the type defines (empty when the record has
  no value). The values of a many-valued property share one cell, separated by \`${CSV_VALUE_SEPARATOR}\`. Quoted as
  RFC 4180 says: a cell holding a quote, a comma or a line break is quoted, its quotes doubled.
- \`<owner>/<Type>.mapping.json\`: the column mapping that reads the file back, with the owner's source
  system and usual markings: \`weft import <owner>/<Type>.csv --org <owner> --mapping <owner>/<Type>.mapping.json\`.
  Import a type's records after the records they refer to, or in any order: references are resolved
  by id either way.`,
  ftm: `- \`<owner>.ftm.jsonl\`: the records of one organisation as FollowTheMoney entities, one per line:
  \`id\` (the record's \`sourceRecordId\`, which is also how other entities of the file refer to it),
  \`schema\` and \`properties\` (lists of strings). Types FtM has no schema for are left out:
  ${ENTITY_TYPES.filter((definition) => definition.ftm === undefined)
    .map((definition) => definition.name)
    .join(', ')}. Import with \`weft import <owner>.ftm.jsonl --org <owner> --source <sourceSystem>\`.`,
};

/** The README of a written world's truth: every file and field. */
export function truthReadme(format: WorldFormat): string {
  return `# A synthetic world and its ground truth

Written by \`weft generate\`: what each organisation of the exchange would submit, and, in
\`truth/\`, what really happened, to score entity resolution, screening and network detection
against. No organisation ever sees the truth. The same seed and options give the same bytes.

## The world (format \`${format}\`)

- \`organisations.json\`: the organisations that own the records: \`id\` (the \`<owner>\` of the
  file names), \`name\`, \`organisationType\`, \`sector\`, \`country\` (when national), \`role\` in the
  world (\`airline\`, \`bank\`, \`hotline\`…), \`sourceSystem\` (the system its records come from)
  and \`markings\` (the sharing envelope it usually gives them). Add them with \`weft org add\`
  before importing.
${FORMAT_FILES[format]}

## The truth (\`truth/\`)

People are named by ids of the truth, never written in a record:

- \`P0001234\`: a person of the background population, whom every sector sees going about their life;
- \`R1-C\`, \`L2-W3\`, \`S1-M4\`, \`C1-V2\`…: a member of a planted network (see \`networks.json\`);
- \`<id>-K\`: a relative of person \`<id>\`, a person of their own: the family a remittance is sent
  to, or who pays a smuggler for a migrant;
- \`N000012\`: a person only notices know: a missing person the world holds no other record of.

Files:

- \`mentions.jsonl\`: one line per record that refers to a person: \`owner\` and \`sourceRecordId\`
  (the record) and \`person\` (the true person it refers to). Records of the same person, across
  owners and however differently they write the name, share \`person\`: this is the truth of
  entity resolution. Records that refer to no person (payments, trips, adverts, links) have no line.
- \`references.jsonl\`: one line per notice or tip that is about someone or something of the
  world: \`owner\` and \`sourceRecordId\` (the Notice or Tip), and whichever of these it is about:
  \`person\` (a true person: a wanted organiser, a missing victim, a person only notices know),
  \`network\` (a planted network's \`id\`), \`document\` (a document number, e.g. a stolen passport a
  network uses). A notice or tip with no line refers to no one in the world: most tips from the
  public, and the notices that describe a modus operandi rather than anyone in particular.
- \`networks.json\`: the planted networks, as an array; each has
  - \`id\` (e.g. \`ring-1\`, \`labour-1\`, \`route-1\`, \`crew-1\`) and \`exploitation\`
    (\`sexual_exploitation\`, \`forced_labour\`, \`migrant_smuggling\` or \`forced_criminality\`);
  - \`members\`: \`person\` (a true person) and \`role\` (\`controller\`, \`recruiter\`, \`victim\`,
    \`facilitator\`, \`driver\`, \`migrant\`, \`agent\`, \`worker\`, \`collector\`);
  - \`phones\` (E.164, from a range that is never a real person's), \`documents\` (document numbers
    it uses: stolen, forged or retained), \`cities\`, \`typologies\` (the red-flag typologies it
    exhibits);
  - \`accounts\` (bank accounts, payment instruments, online accounts), \`adverts\`, \`trips\`,
    \`transactions\` (payments that belong to a typology, with that \`typology\`) and \`records\`
    (every record that belongs to it), each as \`owner\` and \`sourceRecordId\`.
`;
}

/**
 * Writes a world, item by item, into `out`: `organisations.json`, the organisations' records in the
 * format asked for, and `truth/` (mentions, references, networks and a README of every file and
 * field). On a failure the files written so far are closed and the error is thrown.
 */
export function writeWorld(items: Iterable<WorldItem>, options: WorldWriteOptions): WorldWriteSummary {
  const organisationList = options.organisations ?? WORLD_ORGANISATIONS;
  const organisations = new Map(organisationList.map((organisation) => [organisation.id, organisation]));
  const truth = join(options.out, 'truth');
  mkdirSync(truth, { recursive: true });
  writeFileSync(join(options.out, 'organisations.json'), `${JSON.stringify(organisationList, null, 2)}\n`);
  writeFileSync(join(truth, 'README.md'), truthReadme(options.format));
  const sink = sinkOf(options.format, options.out);
  const mentions = new BufferedFile(join(truth, 'mentions.jsonl'));
  const references = new BufferedFile(join(truth, 'references.jsonl'));
  const networks = new NetworksFile(join(truth, 'networks.json'));
  let records = 0;
  let mentionCount = 0;
  let referenceCount = 0;
  const skipped: Record<string, number> = {};
  const networkCounts: Partial<Record<Exploitation, number>> = {};
  try {
    for (const item of items) {
      switch (item.kind) {
        case 'record': {
          const organisation = organisations.get(item.owner);
          if (organisation === undefined)
            throw new Error(`a record of "${item.owner}", which is no organisation of the world`);
          if (sink.write(organisation, item.record)) records += 1;
          else skipped[item.record.type] = (skipped[item.record.type] ?? 0) + 1;
          break;
        }
        case 'mention':
          mentions.write(mentionLine(item.key, item.person));
          mentionCount += 1;
          break;
        case 'reference':
          references.write(referenceLine(item));
          referenceCount += 1;
          break;
        case 'network':
          networks.write(item.network);
          networkCounts[item.network.exploitation] = (networkCounts[item.network.exploitation] ?? 0) + 1;
          break;
      }
    }
  } catch (error) {
    for (const file of [sink, mentions, references, networks]) file.abandon();
    throw error;
  }
  for (const file of [sink, mentions, references, networks]) file.close();
  return {
    records,
    skipped,
    inexact: Object.fromEntries([...sink.inexact].sort(([a], [b]) => a.localeCompare(b))),
    mentions: mentionCount,
    references: referenceCount,
    networks: networkCounts,
  };
}

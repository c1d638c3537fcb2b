/**
 * The typology library as a document (docs/typologies.md): what each typology looks for, its
 * sources, its rules and weights, and its parameters with their defaults and bands. Written by
 * `npm run generate`; a test fails when the committed document differs.
 */
import { LIBRARY } from './library.ts';
import type { ParameterValue } from './parameters.ts';

const value = (given: ParameterValue): string =>
  typeof given === 'number' ? String(given) : given.length === 0 ? '(none)' : given.join(', ');

/** The document, in Markdown. */
export function libraryMarkdown(): string {
  const lines = [
    '# The typology library',
    '',
    '<!-- Written by `npm run generate` from src/domain/monitoring/library.ts: do not edit by hand. -->',
    '',
    'The open, versioned library of trafficking and smuggling red flags that `weft monitor` and the',
    "server's transaction monitoring run. Every threshold is a parameter: an institution's",
    'configuration (`PUT /api/v1/monitoring/config`, or `weft monitor --parameters`) may set it within',
    'its band, switch typologies off, and add rules of its own in CEL. Every alert names its typology',
    'and rules with their versions and the configuration version it was raised under.',
    '',
  ];
  for (const typology of LIBRARY) {
    lines.push(`## ${typology.title}`, '');
    lines.push(
      `\`${typology.id}\`, version ${typology.version}; alerts on the ${typology.subjectType}.`,
      '',
      typology.summary,
      '',
    );
    lines.push('Sources:', '');
    for (const source of typology.sources) lines.push(`- ${source}`);
    lines.push('', 'Rules (an alert needs enough of their weight, see `threshold`):', '');
    for (const rule of typology.rules) {
      lines.push(`- \`${rule.id}\` (version ${rule.version}, weight ${rule.weight}): ${rule.description}`);
    }
    lines.push('', 'Parameters:', '');
    for (const parameter of typology.parameters) {
      const band = parameter.band === undefined ? '' : `, from ${parameter.band[0]} to ${parameter.band[1]}`;
      lines.push(`- \`${parameter.name}\` = ${value(parameter.default)}${band}: ${parameter.description}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

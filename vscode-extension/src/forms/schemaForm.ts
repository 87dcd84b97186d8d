/**
 * Decides how to ask for a tool's input from its JSON Schema: quick inputs, one per field, when every
 * property is a string, number, integer, boolean or enum; a JSON document with the schema attached
 * otherwise. Pure, tested without the editor.
 */
export type FieldKind = 'string' | 'number' | 'integer' | 'boolean' | 'enum';

export interface FormField {
  readonly name: string;
  readonly kind: FieldKind;
  readonly required: boolean;
  readonly description?: string;
  readonly options?: readonly string[];
  readonly defaultValue?: unknown;
}

export type InputForm = { readonly kind: 'quick'; readonly fields: readonly FormField[] } | { readonly kind: 'json'; readonly template: string };

type Schema = Record<string, unknown>;

function asSchema(value: unknown): Schema | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Schema) : undefined;
}

function fieldOf(name: string, schema: Schema, required: boolean): FormField | undefined {
  const description = typeof schema['description'] === 'string' ? schema['description'] : undefined;
  const base = { name, required, description, defaultValue: schema['default'] };
  if (Array.isArray(schema['enum']) && schema['enum'].every((v) => typeof v === 'string')) {
    return { ...base, kind: 'enum', options: schema['enum'] as string[] };
  }
  const type = schema['type'];
  if (type === 'string' || type === 'number' || type === 'integer' || type === 'boolean') return { ...base, kind: type };
  return undefined;
}

export function formFor(inputSchema: unknown): InputForm {
  const schema = asSchema(inputSchema) ?? {};
  const properties = asSchema(schema['properties']) ?? {};
  const required = new Set(Array.isArray(schema['required']) ? (schema['required'] as unknown[]).filter((r) => typeof r === 'string') : []);
  const fields: FormField[] = [];
  for (const [name, value] of Object.entries(properties)) {
    const field = fieldOf(name, asSchema(value) ?? {}, required.has(name));
    if (!field) return { kind: 'json', template: jsonTemplate(schema) };
    fields.push(field);
  }
  return { kind: 'quick', fields };
}

/** A starting document: every required property with a placeholder of its type. */
export function jsonTemplate(schema: Schema): string {
  return JSON.stringify(templateValue(schema), null, 2);
}

function templateValue(schema: Schema): unknown {
  if (schema['default'] !== undefined) return schema['default'];
  if (Array.isArray(schema['enum'])) return schema['enum'][0];
  switch (schema['type']) {
    case 'object': {
      const properties = asSchema(schema['properties']) ?? {};
      const required = Array.isArray(schema['required']) ? (schema['required'] as string[]) : [];
      const value: Record<string, unknown> = {};
      for (const name of required) value[name] = templateValue(asSchema(properties[name]) ?? {});
      return value;
    }
    case 'array': return [];
    case 'integer': case 'number': return 0;
    case 'boolean': return false;
    case 'string': return '';
    default: return null;
  }
}

/** Turns what was typed into a field's value; a string problem says what is wrong. Empty optional: undefined. */
export function parseFieldValue(field: FormField, typed: string): { value?: unknown; problem?: string } {
  const text = typed.trim();
  if (text === '') return field.required ? { problem: `${field.name} is required` } : {};
  switch (field.kind) {
    case 'integer': {
      const n = Number(text);
      return Number.isInteger(n) ? { value: n } : { problem: `${field.name} must be a whole number` };
    }
    case 'number': {
      const n = Number(text);
      return Number.isFinite(n) ? { value: n } : { problem: `${field.name} must be a number` };
    }
    case 'boolean':
      if (text === 'true' || text === 'false') return { value: text === 'true' };
      return { problem: `${field.name} must be true or false` };
    case 'enum':
      return field.options?.includes(text) ? { value: text } : { problem: `${field.name} must be one of ${field.options?.join(', ')}` };
    default:
      return { value: typed };
  }
}

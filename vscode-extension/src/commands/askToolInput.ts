import * as vscode from 'vscode';
import { formFor, parseFieldValue } from '../forms/schemaForm';
import { ToolInfo } from '../protocol/wireTypes';

/** Asks for a tool's input: quick inputs for a flat schema, a JSON document for anything else. */
export async function askToolInput(tool: ToolInfo): Promise<unknown | undefined> {
  const form = formFor(tool.inputSchema);
  if (form.kind === 'json') {
    const typed = await vscode.window.showInputBox({
      title: `${tool.name}: input as JSON`,
      prompt: 'The tool\'s input schema needs nested values; edit the JSON (required fields are filled in).',
      value: form.template.replace(/\s*\n\s*/g, ' '),
      validateInput: (text) => {
        try { JSON.parse(text); return undefined; } catch { return 'This is not valid JSON yet.'; }
      },
    });
    return typed === undefined ? undefined : JSON.parse(typed);
  }
  const input: Record<string, unknown> = {};
  for (const field of form.fields) {
    const title = `${tool.name}: ${field.name}${field.required ? '' : ' (optional)'}`;
    let typed: string | undefined;
    if (field.kind === 'enum' || field.kind === 'boolean') {
      const options = field.kind === 'boolean' ? ['true', 'false'] : [...(field.options ?? [])];
      typed = await vscode.window.showQuickPick(field.required ? options : ['', ...options], { title, placeHolder: field.description });
    } else {
      typed = await vscode.window.showInputBox({
        title, prompt: field.description,
        value: field.defaultValue === undefined ? '' : String(field.defaultValue),
        validateInput: (text) => parseFieldValue(field, text).problem,
      });
    }
    if (typed === undefined) return undefined;
    const parsed = parseFieldValue(field, typed);
    if (parsed.value !== undefined) input[field.name] = parsed.value;
  }
  return input;
}

/**
 * The extension's settings: one zod schema, defaults in one place, parsed field by field so a
 * bad value falls back to its default (with one visible warning) and never breaks checking.
 */
import { z } from 'zod';
import type { Connection } from 'vscode-languageserver/node';
import { MessageType } from 'vscode-languageserver/node';
import { ruleById, type CheckOptions, type SeveritySetting, type TemplateId } from '../../shared/src/index';
import { msg, MSG, type UiLocale } from './messages';

export const SECTION = 'xxgk-report';

const SeverityOrOff = z.enum(['error', 'warning', 'info', 'hint', 'off']);

export const SettingsSchema = z.object({
  /** `auto` detects the template from the report. */
  template: z.enum(['auto', 'gov2014', 'gov2019', 'gov2021']).default('auto'),
  /** Per-rule severity overrides. */
  rules: z.record(z.string(), SeverityOrOff).default({}),
  narrative: z.object({ enabled: z.boolean().default(true) }).default({ enabled: true }),
  /** Delay between the last edit and re-checking (push diagnostics only). */
  debounceMs: z.number().int().min(0).max(10_000).default(300),
  /** At most this many diagnostics per document, the most severe first (like cspell's maxNumberOfProblems). */
  maxProblems: z.number().int().min(1).max(100_000).default(100),
  /**
   * Show information-level findings as hints (dots under the text, in hover, not entries in the Problems view).
   * The editor fills `rules` with every rule's default, so an explicit `info` cannot be told from the default:
   * to list them, switch this off (or raise the rule to `warning`).
   */
  infoAsHint: z.boolean().default(true),
  /** `auto` follows the editor's display language. */
  // Chinese first: the reports, their readers and the rules are Chinese whatever the editor's language.
  locale: z.enum(['auto', 'zh-cn', 'en']).default('zh-cn'),
  /** Globs of files to check whatever their content (`!` in front: never check); the last match decides. */
  files: z.array(z.string().max(1000)).max(500).default([]),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({});

export interface ParsedSettings {
  readonly settings: Settings;
  /** Human-readable descriptions of the values that were replaced by defaults. */
  readonly problems: readonly string[];
}

/** Parses whatever the client sent; never throws. Accepts nested (`{template}`) and dotted (`{"xxgk-report.template"}`) keys. */
export function parseSettings(raw: unknown, locale: UiLocale = 'zh'): ParsedSettings {
  const input = normalise(raw);
  const problems: string[] = [];
  const field = <K extends keyof Settings>(key: K, schema: z.ZodType<Settings[K]>): Settings[K] => {
    const value = input[key];
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    problems.push(`${SECTION}.${key} = ${short(value)}`);
    return DEFAULT_SETTINGS[key];
  };
  const shape = SettingsSchema.shape;
  const rulesInput = input.rules;
  const rules: Record<string, SeveritySetting> = {};
  if (rulesInput !== undefined && rulesInput !== null) {
    if (typeof rulesInput !== 'object' || Array.isArray(rulesInput)) {
      problems.push(`${SECTION}.rules = ${short(rulesInput)}`);
    } else {
      for (const [id, value] of Object.entries(rulesInput as Record<string, unknown>)) {
        const sev = SeverityOrOff.safeParse(value);
        if (!sev.success) {
          problems.push(`${SECTION}.rules.${id} = ${short(value)}`);
          continue;
        }
        if (!knownRule(id)) {
          problems.push(msg(MSG.unknownRule, locale, { id }));
          continue;
        }
        // VS Code fills `rules` with every rule's default from package.json. A rule's default is no override:
        // dropped, so findings a rule rates itself (a partly read table is information) keep their own level.
        if (sev.data === ruleById(id)?.defaultSeverity) continue;
        rules[id] = sev.data;
      }
    }
  }
  let narrative = DEFAULT_SETTINGS.narrative;
  if (input.narrative !== undefined) {
    const n = shape.narrative.safeParse(input.narrative);
    if (n.success) narrative = n.data;
    else problems.push(`${SECTION}.narrative.enabled = ${short((input.narrative as { enabled?: unknown } | null)?.enabled ?? input.narrative)}`);
  }
  const settings: Settings = {
    template: field('template', shape.template),
    rules,
    narrative,
    debounceMs: field('debounceMs', shape.debounceMs),
    maxProblems: field('maxProblems', shape.maxProblems),
    infoAsHint: field('infoAsHint', shape.infoAsHint),
    locale: field('locale', shape.locale),
    files: field('files', shape.files),
  };
  return { settings, problems };
}

function knownRule(id: string): boolean {
  try {
    return ruleById(id) !== undefined;
  } catch {
    return true;
  }
}

function normalise(raw: unknown): Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return {};
  const obj = raw as Record<string, unknown>;
  const nested = obj[SECTION];
  const out: Record<string, unknown> = typeof nested === 'object' && nested !== null && !Array.isArray(nested) ? { ...(nested as Record<string, unknown>) } : { ...obj };
  for (const [key, value] of Object.entries(obj)) {
    if (!key.startsWith(`${SECTION}.`)) continue;
    const path = key.slice(SECTION.length + 1).split('.');
    let target = out;
    for (const part of path.slice(0, -1)) {
      const next = target[part];
      target[part] = typeof next === 'object' && next !== null ? { ...(next as Record<string, unknown>) } : {};
      target = target[part] as Record<string, unknown>;
    }
    target[path[path.length - 1]] = value;
  }
  return out;
}

function short(value: unknown): string {
  let s: string;
  try {
    s = JSON.stringify(value) ?? String(value);
  } catch {
    s = String(value);
  }
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** The core's options for these settings. */
export function toCheckOptions(settings: Settings): CheckOptions {
  return {
    ...(settings.template !== 'auto' ? { template: settings.template as TemplateId } : {}),
    rules: settings.rules,
    narrative: settings.narrative.enabled,
  };
}

/** The UI language: the `locale` setting, else the editor's language from `initialize`. */
export function resolveLocale(settings: Settings, clientLocale: string | undefined): UiLocale {
  if (settings.locale === 'en') return 'en';
  if (settings.locale === 'zh-cn') return 'zh';
  return clientLocale?.toLowerCase().startsWith('en') ? 'en' : 'zh';
}

/**
 * Settings per document, fetched with `workspace/configuration` when the client supports it,
 * else taken from `workspace/didChangeConfiguration`. Cached per URI; cleared on change and close.
 */
export class SettingsStore {
  readonly #connection: Connection;
  readonly #pull: boolean;
  readonly #clientLocale: string | undefined;
  readonly #cache = new Map<string, Promise<Settings>>();
  readonly #warned = new Set<string>();
  #global: Settings = DEFAULT_SETTINGS;

  constructor(connection: Connection, pull: boolean, clientLocale: string | undefined) {
    this.#connection = connection;
    this.#pull = pull;
    this.#clientLocale = clientLocale;
  }

  /** The locale before any document settings are known (from `initialize` and the global settings). */
  get defaultLocale(): UiLocale {
    return resolveLocale(this.#global, this.#clientLocale);
  }

  localeOf(settings: Settings): UiLocale {
    return resolveLocale(settings, this.#clientLocale);
  }

  get(uri: string): Promise<Settings> {
    if (!this.#pull) return Promise.resolve(this.#global);
    let entry = this.#cache.get(uri);
    if (!entry) {
      entry = this.#fetch(uri);
      this.#cache.set(uri, entry);
    }
    return entry;
  }

  async #fetch(uri: string): Promise<Settings> {
    let raw: unknown;
    try {
      raw = await this.#connection.workspace.getConfiguration({ scopeUri: uri, section: SECTION });
    } catch (e) {
      this.#connection.console.warn(`xxgk-report: workspace/configuration failed: ${String(e)}`);
      return this.#global;
    }
    return this.#accept(raw);
  }

  #accept(raw: unknown): Settings {
    const parsed = parseSettings(raw, resolveLocale(DEFAULT_SETTINGS, this.#clientLocale));
    if (parsed.problems.length > 0) {
      const key = parsed.problems.join('\n');
      if (!this.#warned.has(key)) {
        this.#warned.add(key);
        const locale = resolveLocale(parsed.settings, this.#clientLocale);
        const text = msg(MSG.invalidSettings, locale, { details: parsed.problems.join('; ') });
        this.#connection.console.warn(text);
        void this.#connection.sendNotification('window/showMessage', { type: MessageType.Warning, message: text });
      }
    }
    return parsed.settings;
  }

  /** `workspace/didChangeConfiguration`: forget cached settings; without pull support, take the pushed ones. */
  changed(pushed: unknown): void {
    this.#cache.clear();
    if (!this.#pull && pushed !== undefined && pushed !== null) this.#global = this.#accept(pushed);
  }

  forget(uri: string): void {
    this.#cache.delete(uri);
  }
}

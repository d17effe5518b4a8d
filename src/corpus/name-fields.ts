// Metadata from file names, as readtext's docvarsfrom = "filenames": a pattern with {field}
// placeholders (`{date}政府工作报告_{speaker}`) or a separator and field names (`_` and
// ["date", "speaker"]). A field named date or year is read as a date of its own precision.

export type NameFieldsSpec = string | { separator: string; fields: string[] };

export interface NameFieldsReader {
  /** The fields read from a file name (its stem), or undefined when the name does not fit. */
  read(name: string): Record<string, string> | undefined;
  /** The spec as the user wrote it, for messages. */
  description: string;
}

/**
 * Parses a CLI value: a pattern when it holds `{`, else `SEPARATOR:field,field` (`_:date,speaker`);
 * a field written `_` or left empty is skipped.
 */
export function parseNameFieldsSpec(text: string): NameFieldsSpec {
  if (text.includes("{")) return text;
  const colon = text.lastIndexOf(":");
  if (colon <= 0) throw new Error(`--name-fields takes a pattern such as "{date}_{speaker}" or SEPARATOR:FIELDS such as "_:date,speaker", got "${text}"`);
  return { separator: text.slice(0, colon), fields: text.slice(colon + 1).split(",").map((field) => field.trim()) };
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export function nameFieldsReader(spec: NameFieldsSpec): NameFieldsReader {
  if (typeof spec === "string") {
    const fields: string[] = [];
    let pattern = "";
    let last = 0;
    for (const match of spec.matchAll(/\{([^{}]*)\}/g)) {
      pattern += escapeRegExp(spec.slice(last, match.index));
      const field = match[1].trim();
      if (field !== "" && field !== "_" && !/^[\p{L}\p{N}_]+$/u.test(field)) throw new Error(`name-fields: "{${field}}" is not a field name (letters, digits, _)`);
      fields.push(field);
      pattern += "(.+?)";
      last = (match.index ?? 0) + match[0].length;
    }
    if (fields.length === 0) throw new Error(`name-fields: the pattern "${spec}" has no {field}`);
    pattern += escapeRegExp(spec.slice(last));
    const regex = new RegExp(`^${pattern}$`, "u");
    return {
      description: spec,
      read(name) {
        const match = regex.exec(name);
        if (!match) return undefined;
        const values: Record<string, string> = {};
        fields.forEach((field, index) => {
          if (field !== "" && field !== "_") values[field] = match[index + 1].trim();
        });
        return values;
      },
    };
  }
  if (spec.separator === "") throw new Error("name-fields: the separator is empty");
  return {
    description: `${spec.separator}:${spec.fields.join(",")}`,
    read(name) {
      const parts = name.split(spec.separator);
      if (parts.length < spec.fields.length) return undefined;
      // Extra parts join the last field (a title may contain the separator).
      const values: Record<string, string> = {};
      spec.fields.forEach((field, index) => {
        const value = index === spec.fields.length - 1 ? parts.slice(index).join(spec.separator) : parts[index];
        if (field !== "" && field !== "_") values[field] = value.trim();
      });
      return values;
    },
  };
}

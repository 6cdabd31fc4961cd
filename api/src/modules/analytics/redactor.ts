/** Replaces delegates' names (full, and first or last name of 3+ letters) and email addresses with "[name]". */
export function redactor(names: string[]): (text: string) => string {
  const escape = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const words = new Set<string>();
  for (const name of names) {
    words.add(name.trim());
    for (const part of name.split(/\s+/)) if (part.length >= 3) words.add(part);
  }
  const sorted = [...words]
    .filter(Boolean)
    .sort((a, b) => b.length - a.length)
    .map(escape);
  const pattern = sorted.length ? new RegExp(`\\b(${sorted.join('|')})\\b`, 'gi') : null;
  return (text) => {
    const withoutEmails = text.replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, '[email]');
    return pattern ? withoutEmails.replace(pattern, '[name]') : withoutEmails;
  };
}

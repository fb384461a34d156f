/** A title when the resident did not write one: the start of the description. */
export function titleFrom(description: string): string {
  const flat = description.replace(/\s+/g, ' ').trim();
  return flat.length > 20 ? flat.slice(0, 20) : flat;
}

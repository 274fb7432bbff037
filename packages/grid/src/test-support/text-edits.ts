// The two edits every text mutation of the fuzz tests starts from; `at` is any natural number,
// taken modulo the places the text has, so a generator need not know the text's length.
export const truncateAt = (text: string, at: number): string =>
  text.slice(0, at % (text.length + 1));

export function insertAt(text: string, at: number, piece: string): string {
  const k = at % (text.length + 1);
  return text.slice(0, k) + piece + text.slice(k);
}

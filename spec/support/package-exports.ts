/**
 * Every file an `exports` entry of package.json names, whatever its conditions (node: import and
 * require; import: the ES module build; default), in order.
 */
export function exportTargets(entry: unknown): string[] {
  return (JSON.stringify(entry).match(/"\.\/[^"]+"/g) ?? []).map((t) => JSON.parse(t) as string);
}

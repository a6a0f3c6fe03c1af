import { describe, it, expect } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const engine = fileURLToPath(new URL('../../src/engine/index.js', import.meta.url));

/** The type errors of a snippet that imports the engine, compiled as the project compiles src/. */
function typeErrors(code: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'rollout-types-'));
  try {
    const file = join(dir, 'snippet.ts');
    writeFileSync(file, code.replace('ENGINE', JSON.stringify(engine)));
    const program = ts.createProgram([file], { strict: true, noEmit: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, skipLibCheck: true, types: [] });
    return ts.getPreEmitDiagnostics(program).filter((d) => d.file?.fileName === file).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('event and request ids are different types', () => {
  it('a request id given to Simulation.cancel, or an event id to Resource.cancel, does not compile', () => {
    const head = `import { Simulation, Resource } from ENGINE;\nconst sim = new Simulation(); const crews = new Resource(sim, 1); const h = sim.on(() => {});\n`;
    expect(typeErrors(`${head}sim.cancel(sim.schedule(1, h)); crews.cancel(crews.request(h, 0));\n`)).toEqual([]);
    const wrong = typeErrors(`${head}sim.cancel(crews.request(h, 0));\ncrews.cancel(sim.schedule(1, h));\n`);
    expect(wrong).toHaveLength(2);
    expect(wrong[0]).toMatch(/'RequestId' is not assignable to parameter of type 'EventId'/);
    expect(wrong[1]).toMatch(/'EventId' is not assignable to parameter of type 'RequestId'/);
  }, 60_000);
});

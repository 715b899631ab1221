import { API } from 'typescript/unstable/sync';
import { SyntaxKind } from 'typescript/unstable/ast';
import path from 'node:path';
const t0 = Date.now();
const api = new API({ cwd: process.cwd() });
const files = ['/tmp/cov/sample.ts', path.resolve('machines/weishan/application.ts'), path.resolve('machines/xichuan/application.ts')];
const snap = api.updateSnapshot({ openFiles: files } as never);
for (const f of files) {
  const project = snap.getDefaultProjectForFile(f as never)!;
  const sf = project.program.getSourceFile(f as never)!;
  console.log(Date.now() - t0, 'ms', f, project.configFileName, sf.statements.length);
  const visit = (n: any): void => { if (n.kind === SyntaxKind.StringLiteral || n.kind === SyntaxKind.NoSubstitutionTemplateLiteral || n.kind === SyntaxKind.TemplateHead) console.log('  ', SyntaxKind[n.kind], JSON.stringify(n.text)); n.forEachChild(visit); };
  if (f.startsWith('/tmp')) visit(sf);
}
api.close();

/** @jsxImportSource preact */
import { chartIndex } from '../../../machines/chart-index.js';
import type { JurisdictionDefinition } from '../../../machines/shared/definition.js';
import { articlesOf } from '../regulations.js';

/** The articles the drawing of a chart shows on its states, with their text, as anchors the drawing links to. */
export function ArticleList({ def }: { def: JurisdictionDefinition }) {
  const texts = articlesOf(def.id);
  const cited = [...new Set(chartIndex(def.machine).nodes.flatMap((n) => n.article?.articles ?? []))].sort((a, b) => a - b);
  return (
    <details class="articles" id="articles">
      <summary>流程图引用的条文（{cited.length} 条）</summary>
      <dl>
        {cited.map((n) => (
          <>
            <dt id={`art-${n}`}>
              {def.name} {texts.get(n)?.split(' ')[0] ?? `第 ${n} 条`}
            </dt>
            <dd data-article={n}>{texts.get(n)?.replace(/^\S+\s/, '') ?? '（条文未收录）'}</dd>
          </>
        ))}
      </dl>
    </details>
  );
}

/** Every jurisdiction's chart. */
export function ChartIndex({ defs }: { defs: JurisdictionDefinition[] }) {
  return (
    <>
      <h1>流程图</h1>
      <p>各辖区办法的审批流程，由流程定义直接绘制；可下载 Stately 格式，在 Stately 编辑器中打开。</p>
      <ul class="cards">
        {defs.map((d) => (
          <li class="card">
            <h2>
              <a href={`/charts/${d.id}`}>{d.name}</a>
            </h2>
            <p class="small">
              {d.regulation.title}（{d.regulation.document}）· 第 {d.version} 版
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}

/** One jurisdiction's chart, unmarked, with its export. */
export function ChartPage({ def, svg }: { def: JurisdictionDefinition; svg: string }) {
  return (
    <>
      <h1 id="chart-heading">{def.name}审批流程图</h1>
      <p class="small">
        {def.regulation.title}（{def.regulation.document}）· 流程第 {def.version} 版 ·{' '}
        <a href={`/v1/jurisdictions/${def.id}/chart.stately.ts`} download={`${def.id}.stately.ts`}>
          下载 Stately 格式
        </a>
        （在 Stately 编辑器中选择导入代码）· 点击环节查看条文
      </p>
      <p class="chart-tools">
        <button type="button" data-fit hidden aria-pressed="false">
          缩放到页面宽度
        </button>
      </p>
      <div class="chart-wrap" dangerouslySetInnerHTML={{ __html: svg }}></div>
      <div id="article-panel" class="article-panel" aria-live="polite"></div>
      <ArticleList def={def} />
    </>
  );
}

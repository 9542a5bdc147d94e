import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { NewsWidget, type NewsWidgetData } from "@/components/news/news-widget";

const labels = { listLabel: "Dernières actualités", empty: "Aucune actualité.", newTab: "(nouvel onglet)" };

describe("NewsWidget", () => {
  it("renders titles as text and links that open safely in a new tab", () => {
    const data: NewsWidgetData = {
      labels,
      items: [
        {
          title: `<img src=x onerror="alert(1)"> Urgences`,
          url: "https://ch.example/a",
          dateTime: "2026-03-02T07:30:00.000Z",
          date: "2 mars 2026",
        },
        { title: "Sans lien", url: null, dateTime: null, date: null },
      ],
    };
    const html = renderToStaticMarkup(<NewsWidget data={data} />);
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt; Urgences");
    expect(html).toContain('href="https://ch.example/a" target="_blank" rel="noopener noreferrer"');
    expect(html).toContain('<time dateTime="2026-03-02T07:30:00.000Z"');
    expect(html).toContain("(nouvel onglet)");
    expect(html).toContain('aria-label="Dernières actualités"');
    expect(html.match(/<a /g)).toHaveLength(1);
  });

  it("says so when there is no news", () => {
    expect(renderToStaticMarkup(<NewsWidget data={{ labels, items: [] }} />)).toContain("Aucune actualité.");
  });
});

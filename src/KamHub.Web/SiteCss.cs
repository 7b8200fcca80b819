namespace KamHub.Web;

/// <summary>The whole stylesheet: small enough to serve from code, no static-file pipeline or build step.</summary>
internal static class SiteCss
{
    public const string Text = """
        :root{--ink:#1b1f24;--muted:#55606b;--line:#d5dbe1;--accent:#0b5cad;--accent-ink:#fff;--bad:#b00020;--ok:#1b6e20;--bg:#f7f8fa}
        *{box-sizing:border-box}
        body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--bg)}
        a{color:var(--accent)}
        .skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:4px}
        .top{display:flex;flex-wrap:wrap;gap:12px;align-items:center;justify-content:space-between;padding:10px 16px;background:#fff;border-bottom:1px solid var(--line)}
        .top nav{display:flex;flex-wrap:wrap;gap:12px;align-items:center}
        .brand{font-weight:700;font-size:1.2rem;text-decoration:none;color:var(--ink)}
        .page{max-width:960px;margin:0 auto;padding:16px}
        .foot{color:var(--muted);text-align:center;font-size:.9rem;padding:24px}
        form.inline{display:inline}
        button.link{background:none;border:0;color:var(--accent);text-decoration:underline;cursor:pointer;font:inherit;padding:0}
        .button,button.primary{display:inline-block;background:var(--accent);color:var(--accent-ink);border:0;border-radius:6px;padding:10px 16px;font:inherit;text-decoration:none;cursor:pointer}
        button.danger{background:var(--bad);color:#fff;border:0;border-radius:6px;padding:10px 16px;font:inherit;cursor:pointer}
        :focus-visible{outline:3px solid #f0a500;outline-offset:2px}
        .search{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:10px;background:#fff;padding:12px;border:1px solid var(--line);border-radius:8px}
        label{display:block;font-weight:600;margin-bottom:4px}
        input,select,textarea{width:100%;padding:8px;border:1px solid #8a96a3;border-radius:6px;font:inherit;background:#fff;color:var(--ink)}
        .field{margin-bottom:12px}
        input[type=radio],input[type=checkbox]{width:auto;margin-right:6px}
        fieldset{border:1px solid var(--line);border-radius:8px;background:#fff}.plain{list-style:none;padding-left:24px}.choice{font-weight:400}
        .error{color:var(--bad);margin:4px 0 0;font-weight:600}
        [aria-invalid=true]{border-color:var(--bad)}
        .alert{border:1px solid var(--bad);color:var(--bad);background:#fff;padding:10px;border-radius:6px}
        .notice{border:1px solid var(--ok);color:var(--ok);background:#fff;padding:10px;border-radius:6px}
        .cards{list-style:none;padding:0;display:grid;gap:12px}
        .card{background:#fff;border:1px solid var(--line);border-radius:8px;padding:12px}
        .card h2,.card h3{margin:0 0 6px;font-size:1.1rem}
        .muted{color:var(--muted)}
        .price{font-weight:700}
        .status{display:inline-block;padding:2px 8px;border-radius:10px;background:#e8edf2;font-size:.9rem}
        .status-confirmed{background:#dff3e0;color:var(--ok)}.status-cancelled,.status-expired{background:#f7e1e4;color:var(--bad)}
        table{width:100%;border-collapse:collapse;background:#fff}th,td{text-align:left;padding:8px;border-bottom:1px solid var(--line)}
        .error-page{text-align:center}
        .subnav{display:flex;flex-wrap:wrap;gap:14px;margin-bottom:12px}
        .actions form,.actions a{margin-right:8px}
        .occupancy{display:inline-flex;gap:6px;align-items:center}.occ-free{fill:#fff;stroke:#8a96a3}.occ-sold{fill:var(--accent)}
        .chart{margin:0 0 16px;background:#fff;border:1px solid var(--line);border-radius:8px;padding:10px;overflow-x:auto}.chart figcaption{font-weight:600}
        .chart-bar{fill:var(--accent)}.chart-label,.chart-value{font-size:12px;fill:var(--ink)}
        .consequences{border:1px solid var(--bad);background:#fff;padding:12px;border-radius:8px}
        .timeline{list-style:none;padding:0}.timeline li{background:#fff;border-left:4px solid var(--accent);padding:6px 10px;margin-bottom:6px}
        .timeline .kind{font-weight:600}.timeline pre{white-space:pre-wrap;word-break:break-all;font-size:.8rem;margin:4px 0 0}
        .filters{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:10px;align-items:end}
        @media (max-width:600px){.page{padding:10px}table,thead,tbody,tr,th,td{display:block}thead{display:none}td{border:0;padding:4px 8px}tr{border-bottom:1px solid var(--line);padding:6px 0}}
        """;
}

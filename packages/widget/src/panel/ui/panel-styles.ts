/**
 * The panel's stylesheet, adopted into the shadow root (see core/adopt-styles.ts). Colours come
 * from custom properties the host page may set on `eyelevel-widget`; dark defaults follow
 * `prefers-color-scheme`; logical properties make right-to-left pages mirror the layout; small
 * screens get the panel full-screen; motion only for visitors who have not asked for less.
 */
export const panelCss = `
.p{--bg:var(--eyelevel-bg,#fff);--fg:var(--eyelevel-fg,#1f1f1f);--muted:var(--eyelevel-muted,#55595e);
--bubble:var(--eyelevel-bubble,#eef1f5);--line:var(--eyelevel-border,#d5d9de);
--accent:var(--eyelevel-accent,#0b57d0);--on-accent:var(--eyelevel-on-accent,#fff);
--link:var(--eyelevel-link,#0b57d0);--err:#b3261e;
position:absolute;bottom:72px;inset-inline-end:0;width:370px;max-width:calc(100vw - 40px);
height:min(600px,calc(100vh - 120px));display:flex;flex-direction:column;box-sizing:border-box;
background:var(--bg);color:var(--fg);border:1px solid var(--line);border-radius:16px;
box-shadow:0 12px 40px #0003;overflow:hidden;font:15px/1.45 system-ui,sans-serif;text-align:start}
.p[hidden]{display:none}
@media (prefers-color-scheme:dark){.p{--bg:var(--eyelevel-bg-dark,#1f2023);--fg:var(--eyelevel-fg-dark,#ececec);
--muted:var(--eyelevel-muted-dark,#b9bcc1);--bubble:var(--eyelevel-bubble-dark,#303236);
--line:var(--eyelevel-border-dark,#44474c);--link:var(--eyelevel-link-dark,#a8c7fa);--err:#f2b8b5}}
@media (prefers-reduced-motion:no-preference){.p{animation:rise .16s ease-out}
@keyframes rise{from{opacity:0;transform:translateY(8px)}}}
@media (max-width:480px){:host(:not([data-inline])) .p{position:fixed;inset:0;width:auto;max-width:none;height:auto;border-radius:0;border:0}}
:host([data-inline]) .p{position:static;width:100%;max-width:none;height:100%;min-height:420px;box-shadow:none;animation:none}
.head{display:flex;align-items:center;gap:8px;padding:12px 16px;background:var(--accent);color:var(--on-accent)}
.heading{flex:1;min-width:0}
.title{margin:0;font-size:16px;font-weight:600}
.team{display:flex;align-items:center;gap:8px;margin:4px 0 0;font-size:13px}
.faces{display:flex}.faces .av{width:24px;height:24px;margin-inline-end:-6px;border:2px solid var(--accent);font-size:10px}
button{font:inherit;cursor:pointer}
button:focus-visible,textarea:focus-visible,input:focus-visible,select:focus-visible,.list:focus-visible,a:focus-visible{outline:3px solid var(--eyelevel-focus,#e37400);outline-offset:2px}
.x{all:unset;display:grid;place-items:center;width:36px;height:36px;border-radius:50%;cursor:pointer}
.x svg{width:20px;height:20px;stroke:currentColor;stroke-width:2.5;fill:none}
.main{position:relative;flex:1;min-height:0;display:flex;flex-direction:column}
.banner{position:absolute;top:0;inset-inline:0;z-index:1;margin:0;padding:8px 16px;font-size:14px;background:var(--bubble);color:var(--fg);box-shadow:0 1px 3px #0002}
.list{flex:1;overflow-y:auto;padding:12px 16px;overscroll-behavior:contain}
.list ol{list-style:none;margin:0;padding:0;display:flex;flex-direction:column;gap:4px}
.empty{color:var(--muted);text-align:center;margin:24px 8px}
.msg{display:flex;flex-direction:column;align-items:flex-start;max-width:85%}
.msg.own{align-self:flex-end;align-items:flex-end}
.who{display:flex;align-items:center;gap:8px;margin-top:8px;font-size:13px}
.av{width:28px;height:28px;border-radius:50%;object-fit:cover;display:grid;place-items:center;
background:var(--accent);color:var(--on-accent);font-size:12px;font-weight:600}
.name{font-weight:600}
.time{font-size:12px;color:var(--muted)}
.tag{font-size:12px;padding:0 6px;border:1px solid var(--line);border-radius:8px;color:var(--muted)}
.bubble{margin:2px 0 0;padding:8px 12px;border-radius:14px;background:var(--bubble);white-space:pre-wrap;overflow-wrap:anywhere}
.own .bubble{background:var(--accent);color:var(--on-accent)}
.own .bubble a{color:inherit}
a{color:var(--link)}
.meta{font-size:12px;color:var(--muted)}
.err{color:var(--err)}
.link{all:unset;text-decoration:underline;cursor:pointer}
.note{align-self:center;margin:8px 0;font-size:13px;color:var(--muted);text-align:center}
.typing{min-height:20px;margin:0;padding:0 16px;font-size:13px;color:var(--muted)}
.composer{display:flex;flex-wrap:wrap;gap:8px;padding:10px 12px;border-top:1px solid var(--line)}
textarea,input,select{flex:1;min-width:0;resize:none;max-height:120px;box-sizing:border-box;padding:8px 10px;
border:1px solid var(--line);border-radius:10px;background:var(--bg);color:var(--fg);font:inherit}
.form{flex:1;overflow-y:auto;display:flex;flex-direction:column;gap:12px;padding:16px}
.form .intro{margin:0}
.field{display:flex;flex-direction:column;gap:4px}
.field label{font-size:14px;font-weight:600}
.check{display:flex;flex-wrap:wrap;align-items:flex-start;gap:8px;font-size:14px}
.check input{flex:none;width:18px;height:18px;margin:2px 0 0}
.check label{flex:1}
.wide{padding:10px 16px}
.row{display:flex;justify-content:space-between;align-items:center;gap:8px}
.tools{padding:0 12px 8px;font-size:13px;color:var(--muted)}
.away{margin:0;padding:6px 16px;font-size:13px;background:var(--bubble)}
[aria-invalid=true]{border-color:var(--err)}
.csat{display:flex;flex-direction:column;gap:8px;margin:0 12px 8px;padding:10px 12px;border:1px solid var(--line);border-radius:12px}
.csat fieldset{border:0;margin:0;padding:0}
.csat legend{padding:0;font-weight:600;font-size:14px}
.stars{display:flex;gap:4px}
.stars label{position:relative;font-size:26px;line-height:1;color:var(--muted);cursor:pointer}
.stars label.on{color:#b06000}
.stars input{position:absolute;inset:0;opacity:0;margin:0;cursor:pointer}
.stars input:focus-visible+span{outline:3px solid var(--eyelevel-focus,#e37400);outline-offset:2px;border-radius:4px}
.send{border:0;border-radius:10px;padding:0 16px;background:var(--accent);color:var(--on-accent);font-weight:600}
.send:disabled{opacity:.55;cursor:default}
.hint{flex-basis:100%;margin:0;font-size:13px}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
`;

// Havre moderator console: the queue (refreshed every few seconds), a case, decisions, appeals.
// Every untrusted text is rendered with textContent; the page runs under a strict CSP (no inline code).

const POLL_MS = 3000;
const ACTION_LABELS = {
  dismiss: "Classer sans suite",
  warn: "Avertir",
  delete_message: "Supprimer le message",
  remove_recent: "Supprimer tous ses messages récents",
  mute: "Rendre muet",
  kick: "Exclure (fin de session)",
  ban: "Bannir",
  shadow_ban: "Restreindre la visibilité (shadow-ban)",
  release_hold: "Publier le message retenu",
  refuse_hold: "Refuser le message retenu",
};
const TIER_LABELS = ["Vie, sécurité, mineurs", "Signaleur de confiance", "Standard"];
const SOURCE_LABELS = { notice: "Signalement", flagger: "Signaleur de confiance", signal: "Détection automatique" };
const TIMED = new Set(["mute", "ban", "shadow_ban"]);

const state = { csrf: "", me: null, view: "queue", caseId: null, timer: null, detail: null };
const $ = (id) => document.getElementById(id);

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

function when(iso) {
  if (!iso) return "—";
  return new Date(iso).toLocaleString("fr-FR", { dateStyle: "short", timeStyle: "short" });
}

function dueText(iso, overdue) {
  const minutes = Math.round((new Date(iso).getTime() - Date.now()) / 60000);
  if (overdue || minutes < 0) return `en retard de ${formatMinutes(-minutes)}`;
  return `échéance dans ${formatMinutes(minutes)}`;
}

function formatMinutes(minutes) {
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 48 * 60) return `${Math.round(minutes / 60)} h`;
  return `${Math.round(minutes / 1440)} j`;
}

class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

async function api(method, path, body) {
  const headers = { Accept: "application/json" };
  if (method !== "GET") {
    headers["Content-Type"] = "application/json";
    if (state.csrf) headers["X-CSRF-Token"] = state.csrf;
  }
  const response = await fetch(path, {
    method,
    headers,
    credentials: "same-origin",
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 204) return null;
  const data = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = data.error || {};
    if (response.status === 401 && path !== "/api/v1/mod/login") showLogin();
    throw new ApiError(response.status, error.code || "error", error.message || "Erreur");
  }
  return data;
}

// Login -----------------------------------------------------------------------------------------

function showLogin() {
  stopPolling();
  state.me = null;
  $("app").hidden = true;
  $("who").hidden = true;
  $("login").hidden = false;
  $("login-name").focus();
}

function showApp(me, csrf) {
  state.me = me;
  state.csrf = csrf;
  $("login").hidden = true;
  $("app").hidden = false;
  $("who").hidden = false;
  $("who-name").textContent = `${me.name} · ${roleLabel(me.role)}`;
  $("tab-appeals").hidden = !me.decides_appeals;
  fillActions();
  show("queue");
}

function roleLabel(role) {
  return {
    moderator: "modérateur",
    senior_moderator: "modérateur senior",
    legal_officer: "juriste",
    admin: "administrateur",
  }[role] || role;
}

async function login(event) {
  event.preventDefault();
  $("login-error").textContent = "";
  try {
    const data = await api("POST", "/api/v1/mod/login", {
      name: $("login-name").value.trim(),
      password: $("login-password").value,
      totp: $("login-totp").value.trim(),
    });
    $("login-password").value = "";
    $("login-totp").value = "";
    showApp(data.moderator, data.csrf);
  } catch (error) {
    $("login-error").textContent = error.message;
  }
}

async function logout() {
  try {
    await api("POST", "/api/v1/mod/logout", {});
  } finally {
    state.csrf = "";
    showLogin();
  }
}

// Views -----------------------------------------------------------------------------------------

function show(view) {
  state.view = view;
  $("queue").hidden = view !== "queue";
  $("case").hidden = view !== "case";
  $("appeals").hidden = view !== "appeals";
  $("tab-queue").setAttribute("aria-pressed", String(view === "queue" || view === "case"));
  $("tab-appeals").setAttribute("aria-pressed", String(view === "appeals"));
  stopPolling();
  if (view === "queue") {
    refreshQueue();
    state.timer = setInterval(refreshQueue, POLL_MS);
  } else if (view === "appeals") {
    refreshAppeals();
    state.timer = setInterval(refreshAppeals, POLL_MS);
  }
}

function stopPolling() {
  if (state.timer) clearInterval(state.timer);
  state.timer = null;
}

async function refreshQueue() {
  let data;
  try {
    data = await api("GET", "/api/v1/mod/cases?status=open");
  } catch (error) {
    $("queue-updated").textContent = `Erreur : ${error.message}`;
    return;
  }
  const list = $("queue-list");
  list.replaceChildren(...data.cases.map(caseRow));
  $("queue-empty").hidden = data.cases.length > 0;
  $("queue-count").textContent = data.cases.length ? `(${data.cases.length})` : "";
  $("queue-updated").textContent = `Mis à jour à ${new Date().toLocaleTimeString("fr-FR")}`;
}

function caseRow(item) {
  const row = el("li");
  row.dataset.caseId = item.id;
  row.append(el("span", TIER_LABELS[item.tier] || "", `tier tier-${item.tier}`));
  const body = el("div");
  const user = item.target.user;
  const who = user ? `${user.pseudo} (${user.age} ans, ${user.department})` : `Salon ${item.target.id}`;
  body.append(el("strong", who));
  body.append(el("div", item.categories.map((c) => c.label).join(", ") || "—", "muted"));
  const due = el("div", `${item.reports} signalement(s) · ${dueText(item.due_at, item.overdue)}`);
  if (item.overdue) due.classList.add("overdue");
  body.append(due);
  row.append(body);
  const open = el("button", "Ouvrir", "secondary");
  open.type = "button";
  open.setAttribute("aria-label", `Ouvrir le dossier de ${who}`);
  open.addEventListener("click", () => openCase(item.id));
  row.append(open);
  return row;
}

async function openCase(id) {
  state.caseId = id;
  show("case");
  $("decision-status").textContent = "";
  $("decision-facts").value = "";
  let detail;
  try {
    detail = await api("GET", `/api/v1/mod/cases/${encodeURIComponent(id)}`);
  } catch (error) {
    $("case-summary").replaceChildren(el("p", error.message, "error"));
    return;
  }
  state.detail = detail;
  renderCase(detail);
  $("case-title").focus();
}

function renderCase(detail) {
  const item = detail.case;
  $("case-title").textContent = `Dossier ${item.id}`;
  $("case-title").tabIndex = -1;
  $("case-summary").replaceChildren(
    el("p", `${TIER_LABELS[item.tier]} · ${item.categories.map((c) => c.label).join(", ")}`),
    el("p", `Ouvert le ${when(item.opened_at)} · ${dueText(item.due_at, item.overdue)}`),
  );
  const target = $("case-target");
  target.replaceChildren();
  if (detail.target) {
    const t = detail.target;
    target.append(el("p", `${t.pseudo} · ${t.age} ans · ${t.gender} · département ${t.department}`));
    target.append(el("p", `${t.ended ? "Session terminée" : "Session active"} · avertissements et sanctions en cours de fenêtre : ${detail.strikes}`, "muted"));
    if (detail.pseudos.length > 1) {
      target.append(el("p", `Autres pseudos du même appareil : ${detail.pseudos.filter((p) => p.id !== t.id).map((p) => `${p.pseudo} (${p.age} ans, ${when(p.created_at)})`).join(", ")}`));
    }
  } else {
    target.append(el("p", `Salon ${item.target.id}`));
  }
  $("case-reports").replaceChildren(...detail.reports.map(reportBlock));
  const held = detail.held || [];
  $("case-held-block").hidden = held.length === 0;
  $("case-held").replaceChildren(...held.map((m) => el("li", `${when(m.ts)} · ${m.text}`)));
  const history = $("case-history");
  const entries = detail.sanctions.map((s) => {
    const end = s.lifted_at ? `levée le ${when(s.lifted_at)}` : s.until ? `jusqu'au ${when(s.until)}` : "";
    return el("li", `${when(s.starts_at)} · ${s.reason}${end ? ` · ${end}` : ""}`);
  });
  history.replaceChildren(...(entries.length ? entries : [el("li", "Aucune sanction antérieure.", "muted")]));
  const clause = $("decision-clause");
  clause.replaceChildren(
    ...detail.terms.clauses.map((c) => {
      const option = el("option", `${c.number} — ${c.title}`);
      option.value = c.number;
      return option;
    }),
  );
  updateDecisionForm();
}

function reportBlock(report) {
  const block = el("article", null, `report source-${report.source}`);
  block.append(el("h4", `${SOURCE_LABELS[report.source] || report.source} · ${report.reason_label} · ${when(report.created_at)}`));
  if (report.details) block.append(el("p", report.details));
  const reporter = report.reporter;
  const by = [reporter.name, reporter.email, reporter.flagger ? `signaleur ${reporter.flagger}` : null].filter(Boolean);
  if (by.length) block.append(el("p", `Auteur du signalement : ${by.join(" · ")}`, "muted"));
  if (report.source !== "signal" && !report.good_faith) {
    block.append(el("p", "Sans déclaration de bonne foi (art. 16 DSA).", "muted"));
  }
  const seal = el("p", report.snapshot_intact ? `Instantané intègre (SHA-256 ${report.snapshot_sha256.slice(0, 16)}…)` : "Instantané altéré !", report.snapshot_intact ? "intact" : "broken");
  block.append(seal);
  if (report.snapshot) {
    block.append(snapshotList(report.snapshot));
  } else if (report.private) {
    const reveal = el("button", "Afficher la conversation privée (accès journalisé)", "secondary");
    reveal.type = "button";
    reveal.addEventListener("click", () => revealPrivate(block, report.id, reveal));
    block.append(reveal);
  }
  return block;
}

function snapshotList(snapshot) {
  const list = el("ol", null, "snapshot");
  const users = snapshot.users || {};
  if (snapshot.signal) {
    list.append(el("li", `Message détecté (${snapshot.signal.action}) : ${snapshot.signal.text}`, "reported"));
  }
  for (const message of snapshot.messages) {
    const item = el("li", null, message.reported ? "reported" : "");
    item.append(el("span", new Date(message.ts).toLocaleTimeString("fr-FR"), "ts"));
    item.append(el("span", (users[message.from] || {}).pseudo || message.from, "who"));
    item.append(el("span", message.original_text || message.text));
    if (message.action !== "allow") item.append(el("span", ` [${message.action}]`, "muted"));
    list.append(item);
  }
  if (!snapshot.messages.length && !snapshot.signal) list.append(el("li", "Aucun message dans le contexte.", "muted"));
  return list;
}

async function revealPrivate(block, reportId, button) {
  try {
    const data = await api("POST", `/api/v1/mod/cases/${encodeURIComponent(state.caseId)}/private`, {});
    const report = data.reports.find((r) => r.id === reportId);
    if (report && report.snapshot) button.replaceWith(snapshotList(report.snapshot));
  } catch (error) {
    button.after(el("p", error.message, "error"));
  }
}

function fillActions() {
  const select = $("decision-action");
  select.replaceChildren(
    ...Object.keys(ACTION_LABELS)
      .filter((action) => state.me.actions.includes(action))
      .map((action) => {
        const option = el("option", ACTION_LABELS[action]);
        option.value = action;
        return option;
      }),
  );
}

function updateDecisionForm() {
  const action = $("decision-action").value;
  const restricting = !["dismiss", "release_hold"].includes(action);
  $("decision-duration").disabled = !TIMED.has(action);
  $("decision-clause").disabled = !restricting;
  $("decision-facts").disabled = !restricting;
  $("decision-law").disabled = !restricting;
  $("decision-unfounded").disabled = action !== "dismiss";
}

async function decide(event) {
  event.preventDefault();
  const action = $("decision-action").value;
  const hours = $("decision-duration").value;
  const body = {
    action,
    clause: $("decision-clause").value,
    facts: $("decision-facts").value,
    ground: $("decision-law").checked ? "law" : "contract",
    unfounded: $("decision-unfounded").checked,
  };
  if (TIMED.has(action)) body.hours = hours === "" ? null : Number(hours);
  const status = $("decision-status");
  status.className = "";
  status.textContent = "Envoi…";
  try {
    const result = await api("POST", `/api/v1/mod/cases/${encodeURIComponent(state.caseId)}/decision`, body);
    status.textContent = result.statement
      ? `Décision appliquée. Exposé des motifs ${result.statement.id} envoyé (code de recours ${result.statement.appeal_code}).`
      : "Décision appliquée.";
    setTimeout(() => show("queue"), 1500);
  } catch (error) {
    status.className = "error";
    status.textContent = error.message;
  }
}

// Appeals ---------------------------------------------------------------------------------------

async function refreshAppeals() {
  let data;
  try {
    data = await api("GET", "/api/v1/mod/appeals?status=open");
  } catch (error) {
    return;
  }
  $("appeals-list").replaceChildren(...data.appeals.map(appealRow));
  $("appeals-empty").hidden = data.appeals.length > 0;
  $("appeals-count").textContent = data.appeals.length ? `(${data.appeals.length})` : "";
}

function appealRow(appeal) {
  const row = el("li", null, "appeal");
  row.dataset.appealId = appeal.id;
  const s = appeal.statement || {};
  row.append(el("h3", `Recours contre : ${s.restriction || "?"}`));
  row.append(el("p", `Décision du ${when(s.created_at)} · CGU ${s.ground ? s.ground.clause : "?"} · ${s.scope || ""}`, "muted"));
  row.append(el("p", `Faits : ${s.facts || ""}`));
  row.append(el("p", `Contestation : ${appeal.text}`));
  const noteId = `note-${appeal.id}`;
  const label = el("label", "Motif de la décision sur le recours");
  label.htmlFor = noteId;
  const note = el("textarea");
  note.id = noteId;
  note.rows = 2;
  row.append(label, note);
  const actions = el("div", null, "actions");
  for (const [outcome, text, cls] of [
    ["upheld", "Maintenir la décision", "secondary"],
    ["reversed", "Annuler la sanction", "danger"],
  ]) {
    const button = el("button", text, cls);
    button.type = "button";
    button.addEventListener("click", () => decideAppeal(appeal.id, outcome, note.value, row));
    actions.append(button);
  }
  row.append(actions);
  return row;
}

async function decideAppeal(id, outcome, note, row) {
  stopPolling();
  try {
    await api("POST", `/api/v1/mod/appeals/${encodeURIComponent(id)}/decision`, { outcome, note });
    row.replaceChildren(el("p", outcome === "reversed" ? "Sanction annulée." : "Décision maintenue.", "intact"));
  } catch (error) {
    row.append(el("p", error.message, "error"));
  }
  state.timer = setInterval(refreshAppeals, POLL_MS);
}

// Start -----------------------------------------------------------------------------------------

async function start() {
  $("login-form").addEventListener("submit", login);
  $("logout").addEventListener("click", logout);
  $("tab-queue").addEventListener("click", () => show("queue"));
  $("tab-appeals").addEventListener("click", () => show("appeals"));
  $("case-back").addEventListener("click", () => show("queue"));
  $("decision").addEventListener("submit", decide);
  $("decision-action").addEventListener("change", updateDecisionForm);
  try {
    const me = await api("GET", "/api/v1/mod/me");
    showApp(me.moderator, me.csrf);
  } catch {
    showLogin();
  }
}

start();

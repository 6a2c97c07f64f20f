// Explain page: POST the pasted input to /v1/clean or /v1/extract with explain=true and show
// the cleaned text plus every block, removed ones highlighted by category with their reason.
// All input and output is inserted with textContent, never as HTML.
(function () {
  "use strict";
  const $ = (id) => document.getElementById(id);
  const form = $("form"), runButton = $("run"), statusLine = $("status");

  function setText(id, value) { $(id).textContent = value == null || value === "" ? "—" : String(value); }

  function categoryOf(block) {
    if (block.kept) return null;
    return block.category || block.label || "removed";
  }

  function render(result) {
    setText("title", result.title);
    setText("byline", result.byline);
    setText("date", result.date);
    setText("language", result.language);
    const stats = result.stats || {};
    setText("summary", (stats.removed_blocks || 0) + " of " + (stats.blocks || 0) + " blocks, " +
      (stats.removed_chars || 0) + " of " + (stats.chars || 0) + " characters");
    $("text").textContent = result.text || "";

    const counts = {};
    const list = $("blocks");
    list.replaceChildren();
    for (const block of result.blocks || []) {
      const item = document.createElement("li");
      const category = categoryOf(block);
      item.className = "block " + (block.kept ? "kept" : "removed cat-" + String(category).replace(/[^a-z0-9_-]/gi, "_"));
      item.dataset.index = block.index;
      item.dataset.line = block.line;
      item.dataset.kept = block.kept ? "true" : "false";
      if (!block.kept) {
        counts[category] = (counts[category] || 0) + 1;
        item.dataset.category = category;
        item.dataset.reason = block.reason || "";
        item.title = "removed: " + category + (block.reason ? " (" + block.reason + ")" : "");
        const badge = document.createElement("span");
        badge.className = "badge";
        badge.textContent = category;
        item.appendChild(badge);
        const reason = document.createElement("span");
        reason.className = "reason";
        reason.textContent = block.reason || "";
        item.appendChild(reason);
      }
      const text = document.createElement("span");
      text.className = "t";
      text.textContent = block.text;
      item.appendChild(text);
      list.appendChild(item);
    }
    const legend = $("legend");
    legend.replaceChildren();
    for (const [category, n] of Object.entries(counts).sort((a, b) => b[1] - a[1])) {
      const chip = document.createElement("span");
      chip.className = "removed cat-" + category.replace(/[^a-z0-9_-]/gi, "_");
      chip.textContent = category + " × " + n;
      legend.appendChild(chip);
    }
    $("result").hidden = false;
  }

  async function run(event) {
    event.preventDefault();
    const input = $("input").value;
    const kind = form.querySelector("input[name=kind]:checked").value;
    const mode = $("mode").value;
    const body = kind === "html" ? { html: input, mode: mode, explain: true } : { text: input, mode: mode, explain: true };
    const headers = { "Content-Type": "application/json", "Accept": "application/json" };
    const token = $("token").value.trim();
    if (token) headers["Authorization"] = "Bearer " + token;
    $("error").hidden = true;
    runButton.disabled = true;
    statusLine.textContent = "cleaning…";
    const started = performance.now();
    try {
      const response = await fetch(kind === "html" ? "/v1/extract" : "/v1/clean",
        { method: "POST", headers: headers, body: JSON.stringify(body) });
      let data = null;
      try { data = await response.json(); } catch (e) { data = null; }
      if (!response.ok) {
        const err = (data && data.error) || { code: String(response.status), message: response.statusText };
        throw new Error(err.code + ": " + err.message);
      }
      render(data);
      statusLine.textContent = "done in " + Math.round(performance.now() - started) + " ms";
      document.body.dataset.state = "done";
    } catch (e) {
      $("error").textContent = e.message;
      $("error").hidden = false;
      statusLine.textContent = "";
      document.body.dataset.state = "error";
    } finally {
      runButton.disabled = false;
    }
  }

  form.addEventListener("submit", run);
  $("only-removed").addEventListener("change", (e) => $("blocks").classList.toggle("only-removed", e.target.checked));
})();

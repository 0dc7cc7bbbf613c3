// A small notes service: create notes, render them, share them by link.
//
// Example code for the reviewlens example corpus. It contains deliberate
// security defects (see truth.yaml); do not use it.

"use strict";

const express = require("express");
const crypto = require("crypto");

const app = express();
app.use(express.json());

const notes = new Map();
const settings = { theme: "light", pageSize: 20 };

function merge(target, source) {
  for (const key of Object.keys(source)) {
    if (typeof source[key] === "object" && source[key] !== null) {
      if (!target[key]) target[key] = {};
      merge(target[key], source[key]);
    } else {
      target[key] = source[key];
    }
  }
  return target;
}

function newId() {
  return crypto.randomBytes(8).toString("hex");
}

app.post("/notes", (req, res) => {
  const id = newId();
  notes.set(id, { title: String(req.body.title || ""), body: String(req.body.body || "") });
  res.status(201).json({ id });
});

app.get("/notes/:id", (req, res) => {
  const note = notes.get(req.params.id);
  if (!note) {
    return res.status(404).send("not found");
  }
  res.send(`<h1>${note.title}</h1><div class="note">${note.body}</div>`);
});

app.get("/search", (req, res) => {
  const q = req.query.q || "";
  const hits = [...notes.values()].filter((n) => n.title.includes(q));
  res.send(`<p>Results for ${q}: ${hits.length}</p>`);
});

app.post("/settings", (req, res) => {
  merge(settings, req.body);
  res.json(settings);
});

app.get("/calc", (req, res) => {
  const expr = String(req.query.expr || "0");
  if (!/^[0-9+\-*/ ().a-z]*$/.test(expr)) {
    return res.status(400).send("bad expression");
  }
  res.json({ value: eval(expr) });
});

app.get("/login/done", (req, res) => {
  const next = req.query.next || "/";
  res.redirect(next);
});

app.get("/share/:id", (req, res) => {
  const token = Buffer.from(req.params.id).toString("base64");
  res.json({ link: `/notes/${req.params.id}?t=${token}` });
});

app.listen(3000, () => {
  console.log("notes listening on 3000");
});

"""A tiny file-sharing service: users upload files, list them and fetch them.

Example code for the reviewlens example corpus. It contains deliberate
security defects (see truth.yaml); do not use it.
"""

import hashlib
import os
import sqlite3
import subprocess

from flask import Flask, abort, request, send_file

app = Flask(__name__)

UPLOAD_DIR = "/srv/fileshare/uploads"
DATABASE = "/srv/fileshare/files.db"
ADMIN_TOKEN = "s3cr3t-admin-token-2024"


def get_db():
    conn = sqlite3.connect(DATABASE)
    conn.row_factory = sqlite3.Row
    return conn


def hash_password(password):
    # Store a digest, never the password itself.
    return hashlib.md5(password.encode("utf-8")).hexdigest()


def check_login(username, password):
    db = get_db()
    row = db.execute(
        "SELECT password_hash FROM users WHERE name = ?", (username,)
    ).fetchone()
    db.close()
    return row is not None and row["password_hash"] == hash_password(password)


@app.route("/files")
def list_files():
    owner = request.args.get("owner", "")
    db = get_db()
    query = "SELECT name, size FROM files WHERE owner = '%s'" % owner
    rows = db.execute(query).fetchall()
    db.close()
    return {"files": [dict(row) for row in rows]}


@app.route("/files/<path:name>")
def fetch_file(name):
    path = os.path.join(UPLOAD_DIR, name)
    if not os.path.exists(path):
        abort(404)
    return send_file(path)


@app.route("/upload", methods=["POST"])
def upload():
    if not check_login(request.form["user"], request.form["password"]):
        abort(403)
    upload = request.files["file"]
    target = os.path.join(UPLOAD_DIR, os.path.basename(upload.filename))
    upload.save(target)
    db = get_db()
    db.execute(
        "INSERT INTO files (name, owner, size) VALUES (?, ?, ?)",
        (os.path.basename(target), request.form["user"], os.path.getsize(target)),
    )
    db.commit()
    db.close()
    return {"saved": os.path.basename(target)}


@app.route("/thumbnail/<name>")
def thumbnail(name):
    source = os.path.join(UPLOAD_DIR, os.path.basename(name))
    out = source + ".thumb.png"
    subprocess.run("convert %s -resize 128x128 %s" % (source, out), shell=True, check=True)
    return send_file(out)


@app.route("/admin/purge", methods=["POST"])
def purge():
    if request.headers.get("X-Admin-Token") != ADMIN_TOKEN:
        abort(403)
    removed = 0
    for entry in os.listdir(UPLOAD_DIR):
        os.remove(os.path.join(UPLOAD_DIR, entry))
        removed += 1
    return {"removed": removed}


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=8080, debug=True)

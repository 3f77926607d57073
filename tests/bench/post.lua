-- wrk script: POST a 200-byte JSON body (the shape of a typical webhook delivery).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"event":"note.created","id":123456,"title":"Quarterly numbers are in","author":{"name":"Ada Lovelace","email":"ada@example.com"},"tags":["finance","q3"],"created_at":"2026-12-03T17:00:00Z","x":12345}'

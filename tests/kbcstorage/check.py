"""Keboola's official Python client (kbcstorage) against `jobctl serve`: the simulator
must speak the API well enough for a client nobody here wrote. Prints one line per check;
exits non-zero on the first failure."""
import os
import sys
import time

from kbcstorage.jobs import Jobs

url = os.environ["SIM_URL"]
token = os.environ["SIM_TOKEN"]
live = int(os.environ["LIVE_ID"])
failed = int(os.environ["FAILED_ID"])

jobs = Jobs(url, token)

detail = jobs.detail(failed)
assert detail["id"] == failed, detail
assert detail["status"] == "error", detail
assert detail["operationName"] == "tableImport", detail
assert detail["error"]["code"], detail
print("detail ok")

listed = jobs.list()
assert isinstance(listed, list) and len(listed) == 20, len(listed)
ids = [j["id"] for j in listed]
assert ids == sorted(ids, reverse=True), ids
print("list ok")

started = time.monotonic()
done = jobs.block_until_completed(live)
assert done["status"] == "success", done
assert done["endTime"] is not None, done
print("block_until_completed ok after %.1fs" % (time.monotonic() - started))

try:
    Jobs(url, "1-2-wrong").detail(failed)
except Exception as e:  # requests.HTTPError
    assert "401" in str(e), e
    print("bad token ok")
else:
    sys.exit("a wrong token was accepted")

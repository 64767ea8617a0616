#!/bin/bash
# The image's HEALTHCHECK: GET /health on the agent's own HTTP endpoint, with bash's /dev/tcp so the image needs
# neither curl nor wget. Healthy when the agent answers 200 (it does once running; a failing output is reported
# inside the document, not as unhealthy: the agent keeps the points).
listen=${HOSTPULSE_HTTP_LISTEN:-0.0.0.0:9366}
port=${listen##*:}
exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 1
printf 'GET /health HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
IFS= read -r -t 5 status <&3 || exit 1
case "$status" in
  "HTTP/1."?" 200"*) exit 0 ;;
  *) echo "hostpulse /health: ${status:-no reply}"; exit 1 ;;
esac

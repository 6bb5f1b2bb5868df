/**
 * An HTTP reverse proxy for the cluster tests, standing in for nginx in front of the app instances: it appends the
 * TCP peer's address to X-Forwarded-For (nginx's $proxy_add_x_forwarded_for) and connects to the instances from its
 * own loopback address (`localAddress`), the one their TRUSTED_PROXIES names. A request goes to the instance named by
 * the `x-upstream` header (its index), else round robin. Test clients connect from any 127.x.y.z to look like many.
 */
import http from "node:http";

export interface ForwardingProxy {
  port: number;
  stop(): Promise<void>;
}

export async function startForwardingProxy({ upstreams, localAddress, listenPort = 0 }: { upstreams: number[]; localAddress: string; listenPort?: number }): Promise<ForwardingProxy> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  let next = 0;
  const server = http.createServer((req, res) => {
    const chosen = Number(req.headers["x-upstream"]);
    const port = Number.isInteger(chosen) && upstreams[chosen] !== undefined ? upstreams[chosen]! : upstreams[next++ % upstreams.length]!;
    const peer = (req.socket.remoteAddress ?? "").replace(/^::ffff:/, "");
    const prior = req.headers["x-forwarded-for"];
    const headers: http.OutgoingHttpHeaders = { ...req.headers, "x-forwarded-for": prior ? `${prior}, ${peer}` : peer };
    delete headers["x-upstream"];
    const upstream = http.request({ host: "127.0.0.1", port, localAddress, method: req.method, path: req.url, headers, agent }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on("error", () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(listenPort, "127.0.0.1", resolve));
  return {
    port: (server.address() as { port: number }).port,
    stop: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

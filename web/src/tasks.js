// tasks.js — yielding to the browser between short tasks (issue 13: no task of the load runs long).

/** Resolves in a task of its own: a MessageChannel message, not clamped like nested timers (4 ms after five). */
export function nextTask() {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });
}

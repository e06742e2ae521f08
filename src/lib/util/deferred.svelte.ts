/**
 * A value worked out in a task of its own after the page's update that changed its inputs: for what is
 * shown beside the map (advice, a histogram) and costs tens of milliseconds at 200,000 rows, so the task
 * that recolours the map stays short. `inputs` is read where Svelte tracks it (a change schedules the work
 * again); `compute` runs later, untracked, with what `inputs` gave. Call it while a component is created.
 */
export function deferred<I, T>(inputs: () => I, compute: (inputs: I) => T, initial: T): { readonly current: T } {
  let value = $state.raw(initial);
  $effect(() => {
    const read = inputs();
    const timer = setTimeout(() => (value = compute(read)));
    return () => clearTimeout(timer);
  });
  return {
    get current() {
      return value;
    },
  };
}

/**
 * Recipe: a signal dispatcher whose receivers are held weakly, the second worked port of
 * docs/porting-guide.md ("A worked port: a signal dispatcher").
 *
 * The essentials of Django's django/dispatch/dispatcher.py: `connect(receiver, sender, weak,
 * dispatch_uid)`, `disconnect`, `send`; plain receivers held by `ref`, bound methods by `WeakMethod`,
 * and a dead receiver forgotten lazily: its callback only raises a flag. The Python original is
 * examples/signal-dispatcher.py; both print the same lines (Python's True/False are true/false here),
 * and spec/docs/examples.spec.ts checks that they do. spec/docs/signal-dispatcher.spec.ts tests the
 * `Signal` class (it imports it from here), Django's DispatcherTests among them.
 *
 * Run it: `npx ts-node examples/signal-dispatcher.ts`.
 */
import { MethodType, WeakMethod, gc, id, ref } from '../src';

// #region dispatcher
/** Python's `receiver(signal=..., sender=..., **named)`: the keyword arguments as one object. */
export type Receiver<A extends object = object> = (
  kwargs: A & { signal: Signal<A>; sender: object | undefined },
) => unknown;

/** A bound method: Python's `hasattr(x, '__self__') and hasattr(x, '__func__')`. */
function isBoundMethod(x: unknown): x is MethodType<WeakKey> {
  return typeof x === 'function' && '__self__' in x && '__func__' in x;
}

// Python's `_make_id` returns an int or a tuple of ints, and `==` compares tuples by value.
// JavaScript compares arrays by identity, so an id here is a string: one id, or the two of a method.
function makeId(target: object | undefined): string {
  if (isBoundMethod(target)) return `${id(target.__self__)}.${id(target.__func__)}`;
  return target === undefined ? NONE_ID : String(id(target));
}

// Python's id(None). `undefined` has no id (id(undefined) throws): a key that no object has.
const NONE_ID = 'None';

/** Python's `(dispatch_uid or _make_id(receiver), _make_id(sender))`. */
type LookupKey = readonly [string, string];

function keyOf(receiver: object | undefined, sender: object | undefined, dispatchUid?: string): LookupKey {
  // `uid:` keeps a dispatch uid from ever equalling an id, as a Python str never equals an int.
  return [dispatchUid !== undefined ? `uid:${dispatchUid}` : makeId(receiver), makeId(sender)];
}

/** Python's `r_key == lookup_key` on two tuples. */
const sameKey = (a: LookupKey, b: LookupKey): boolean => a[0] === b[0] && a[1] === b[1];

/** Calls its receivers on send(); holds them weakly unless told otherwise. */
export class Signal<A extends object = object> {
  /** `[[receiver id or dispatch uid, sender id], receiver or ref]`, as Django's list of tuples. */
  receivers: Array<[LookupKey, Receiver<A> | ref<Receiver<A>>]> = [];
  #deadReceivers = false;

  connect(receiver: Receiver<A>, { sender, weak = true, dispatchUid }: ConnectOptions = {}): void {
    const lookupKey = keyOf(receiver, sender, dispatchUid);
    let entry: Receiver<A> | ref<Receiver<A>> = receiver;
    if (weak) {
      // Python's obj.meth is made anew at each access, so a plain ref to it would die at once. The
      // port passes MethodType(obj.meth, obj), and WeakMethod holds its object and function weakly.
      entry = isBoundMethod(receiver)
        ? WeakMethod(receiver, this.#removeReceiver)
        : ref(receiver, this.#removeReceiver);
    }
    this.#clearDeadReceivers();
    if (!this.receivers.some(([rKey]) => sameKey(rKey, lookupKey))) {
      this.receivers.push([lookupKey, entry]);
    }
  }

  disconnect(receiver?: Receiver<A>, { sender, dispatchUid }: ConnectOptions = {}): boolean {
    const lookupKey = keyOf(receiver, sender, dispatchUid);
    this.#clearDeadReceivers();
    const index = this.receivers.findIndex(([rKey]) => sameKey(rKey, lookupKey));
    if (index < 0) return false;
    this.receivers.splice(index, 1);
    return true;
  }

  hasListeners(sender?: object): boolean {
    return this.#liveReceivers(sender).length > 0;
  }

  send(sender: object | undefined, named: A): Array<[Receiver<A>, unknown]> {
    return this.#liveReceivers(sender).map((receiver) => [receiver, receiver({ ...named, signal: this, sender })]);
  }

  // An arrow function, as Python passes the bound method self._remove_receiver: it holds the signal,
  // which is fine (a ref's callback is held by the ref, and the signal holds its refs).
  readonly #removeReceiver = (): void => {
    // Called after a collection: only raise a flag; the next connect(), disconnect() or send()
    // removes the dead entries.
    this.#deadReceivers = true;
  };

  #clearDeadReceivers(): void {
    if (this.#deadReceivers) {
      this.#deadReceivers = false;
      this.receivers = this.receivers.filter(([, r]) => !(r instanceof ref && r() === undefined));
    }
  }

  #liveReceivers(sender: object | undefined): Array<Receiver<A>> {
    this.#clearDeadReceivers();
    const senderKey = makeId(sender);
    const receivers: Array<Receiver<A>> = [];
    for (const [[, rSenderKey], entry] of this.receivers) {
      if (rSenderKey === NONE_ID || rSenderKey === senderKey) {
        let receiver: Receiver<A> | undefined = entry;
        if (entry instanceof ref) {
          receiver = entry(); // dereference the weak reference
          if (receiver === undefined) continue;
        }
        receivers.push(receiver);
      }
    }
    return receivers;
  }
}

/** Python's keyword arguments `sender=None, weak=True, dispatch_uid=None`. */
export interface ConnectOptions {
  sender?: object;
  weak?: boolean;
  dispatchUid?: string;
}
// #endregion dispatcher

// #region script
class Model {
  constructor(readonly title: string) {}
}

class Article extends Model {}

class Comment extends Model {}

interface SaveArgs {
  instance: Model;
}

class Auditor {
  constructor(readonly name: string) {}

  onSave({ instance }: SaveArgs): string {
    return `${this.name} saw ${instance.title}`;
  }
}

function logSave({ instance }: SaveArgs): string {
  return `log: ${instance.title}`;
}

const postSave = new Signal<SaveArgs>();

function save(instance: Model): void {
  const responses = postSave.send(instance.constructor, { instance });
  console.log(`save ${instance.constructor.name}: ${responses.map(([, r]) => r).join(', ')}`);
}

function connectTemporary(): void {
  const onSave = (): string => 'temporary'; // a local function, like a test's receiver
  postSave.connect(onSave);
  save(new Article('drafts'));
}

let auditor: Auditor | undefined; // module-level, as Python's globals, so that it can be dropped

async function main(): Promise<void> {
  postSave.connect(logSave);
  postSave.connect(logSave); // the same key: connected once
  auditor = new Auditor('auditor');
  postSave.connect(MethodType(auditor.onSave, auditor), { sender: Article }); // for articles only
  postSave.connect(() => 'counted', { weak: false, dispatchUid: 'counter' });
  console.log(`receivers: ${postSave.receivers.length}`);
  save(new Article('weak references'));
  save(new Comment('nice post'));

  connectTemporary(); // nothing is freed yet: JavaScript frees onSave at the next collection
  await gc.collect(); // here: its callback raises the flag
  console.log(`receivers: ${postSave.receivers.length} (one dead, removed by the next send)`);
  save(new Article('again'));
  console.log(`receivers: ${postSave.receivers.length}`);

  auditor = undefined; // Python: del auditor
  await gc.collect(); // the bound method's receiver dies with its object
  save(new Article('unaudited'));

  console.log(`disconnect log: ${postSave.disconnect(logSave)}, again: ${postSave.disconnect(logSave)}`);
  console.log(`disconnect 'counter': ${postSave.disconnect(undefined, { dispatchUid: 'counter' })}`);
  console.log(`has listeners: ${postSave.hasListeners()}, receivers: ${postSave.receivers.length}`);
}
// #endregion script

// Run as a program, not when a spec imports the Signal class.
if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}

// Players of the 5G 视频救援 panel: one per camera element, by the kind of address the server gave
// (HLS via hls.js, HTTP-FLV via mpegts.js, WebRTC via WHEP, MJPEG in an <img>), and the intercom (对讲) as a WHIP
// publish of the microphone. Every player reports to its component: playing, or failed with a reason.
import { library } from './library.js';

const players = new WeakMap();

export async function play(element, kind, url, component) {
  stop(element);
  const player = { component, stopped: false, cleanup: [] };
  players.set(element, player);
  const report = (method, ...args) => {
    if (!player.stopped) component.invokeMethodAsync(method, ...args).catch(() => {});
  };
  try {
    if (kind === 'Mjpeg') {
      playImage(element, url, player, report);
    } else if (kind === 'JpegSocket') {
      playSocket(element, url, player, report);
    } else {
      const video = document.createElement('video');
      video.muted = true;
      video.autoplay = true;
      video.playsInline = true;
      video.className = 'tlb-camera-media';
      video.addEventListener('playing', () => report('Playing'));
      element.replaceChildren(video);
      if (kind === 'Hls') await playHls(video, url, player, report);
      else if (kind === 'Flv') await playFlv(video, url, player, report);
      else if (kind === 'Whep') await playWhep(video, url, player, report);
      else report('Failed', 'unsupported');
    }
  } catch (e) {
    report('Failed', 'unreachable');
  }
}

function playImage(element, url, player, report) {
  const img = document.createElement('img');
  img.className = 'tlb-camera-media';
  img.alt = '';
  let frames = 0;
  // An MJPEG image fires load for its first frame only in some browsers; the size tells that a frame arrived.
  const watch = setInterval(() => {
    if (img.naturalWidth > 0 && frames === 0) {
      frames = 1;
      report('Playing');
    }
  }, 250);
  img.addEventListener('load', () => { if (frames++ === 0) report('Playing'); });
  img.addEventListener('error', () => report('Failed', 'unreachable'));
  player.cleanup.push(() => { clearInterval(watch); img.removeAttribute('src'); img.src = ''; });
  img.src = url;
  element.replaceChildren(img);
}

// JPEG frames as binary WebSocket messages, each shown in an <img>; data-frames counts them.
function playSocket(element, url, player, report) {
  const img = document.createElement('img');
  img.className = 'tlb-camera-media';
  img.alt = '';
  element.replaceChildren(img);
  const address = new URL(url, document.baseURI);
  address.protocol = address.protocol === 'https:' ? 'wss:' : 'ws:';
  const socket = new WebSocket(address);
  socket.binaryType = 'blob';
  let frames = 0;
  let shown = null;
  let pending = null;
  // A frame replaced before it loaded is released at once; a shown one when the next is up.
  img.onload = () => {
    if (!pending) return;
    if (shown) URL.revokeObjectURL(shown);
    shown = pending;
    pending = null;
    frames++;
    element.dataset.frames = String(frames);
    if (frames === 1) report('Playing');
  };
  socket.onmessage = (event) => {
    if (pending) URL.revokeObjectURL(pending);
    pending = URL.createObjectURL(event.data);
    img.src = pending;
  };
  socket.onerror = () => report('Failed', 'unreachable');
  socket.onclose = (event) => { if (!player.stopped && event.code !== 1000) report('Failed', 'unreachable'); };
  player.cleanup.push(() => {
    socket.onclose = null;
    socket.close(1000);
    if (shown) URL.revokeObjectURL(shown);
    if (pending) URL.revokeObjectURL(pending);
  });
}

async function playHls(video, url, player, report) {
  await library('hls');
  const Hls = window.Hls;
  if (Hls && Hls.isSupported()) {
    const hls = new Hls({ lowLatencyMode: true });
    hls.on(Hls.Events.ERROR, (event, data) => { if (data.fatal) report('Failed', 'unreachable'); });
    hls.loadSource(url);
    hls.attachMedia(video);
    player.cleanup.push(() => hls.destroy());
  } else if (video.canPlayType('application/vnd.apple.mpegurl')) {
    video.src = url;
    video.addEventListener('error', () => report('Failed', 'unreachable'));
    player.cleanup.push(() => { video.removeAttribute('src'); video.load(); });
  } else {
    report('Failed', 'unsupported');
  }
}

async function playFlv(video, url, player, report) {
  await library('mpegts');
  const mpegts = window.mpegts;
  if (!mpegts || !mpegts.isSupported()) {
    report('Failed', 'unsupported');
    return;
  }
  const flv = mpegts.createPlayer({ type: 'flv', isLive: true, url }, { enableStashBuffer: false, liveBufferLatencyChasing: true });
  flv.on(mpegts.Events.ERROR, () => report('Failed', 'unreachable'));
  flv.attachMediaElement(video);
  flv.load();
  const started = flv.play();
  if (started && started.catch) started.catch(() => {});
  player.cleanup.push(() => { flv.pause(); flv.unload(); flv.detachMediaElement(); flv.destroy(); });
}

// WHEP (RFC 9725): POST the offer as application/sdp, the answer comes back; DELETE the session's Location to end.
async function playWhep(video, url, player, report) {
  const pc = new RTCPeerConnection();
  player.cleanup.push(() => pc.close());
  pc.addTransceiver('video', { direction: 'recvonly' });
  pc.addTransceiver('audio', { direction: 'recvonly' });
  pc.ontrack = (event) => { video.srcObject = event.streams[0] || new MediaStream([event.track]); };
  pc.onconnectionstatechange = () => { if (pc.connectionState === 'failed') report('Failed', 'unreachable'); };
  const session = await exchange(pc, url);
  if (session) player.cleanup.push(() => fetch(session, { method: 'DELETE' }).catch(() => {}));
}

async function exchange(pc, url) {
  await pc.setLocalDescription(await pc.createOffer());
  await iceGathered(pc);
  const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/sdp' }, body: pc.localDescription.sdp });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  await pc.setRemoteDescription({ type: 'answer', sdp: await response.text() });
  const location = response.headers.get('Location');
  return location ? new URL(location, url).toString() : null;
}

function iceGathered(pc) {
  if (pc.iceGatheringState === 'complete') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => { if (pc.iceGatheringState === 'complete') resolve(); };
    pc.addEventListener('icegatheringstatechange', done);
    // A LAN media server needs no more candidates than the first second brings.
    setTimeout(resolve, 1500);
  });
}

export function stop(element) {
  const player = players.get(element);
  if (!player) return;
  player.stopped = true;
  players.delete(element);
  for (const clean of player.cleanup) {
    try { clean(); } catch (e) { /* the player is going away either way */ }
  }
  stopTalk(element);
  element.replaceChildren();
}

const talks = new WeakMap();

// 对讲: the microphone goes to the camera's WHIP address; true when the call is up.
export async function talk(element, url) {
  stopTalk(element);
  let stream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    const pc = new RTCPeerConnection();
    for (const track of stream.getAudioTracks()) pc.addTransceiver(track, { direction: 'sendonly' });
    const call = { pc, stream, session: null };
    talks.set(element, call);
    call.session = await exchange(pc, url);
    return true;
  } catch (e) {
    stopTalk(element);
    if (stream) stream.getTracks().forEach((t) => t.stop());
    return false;
  }
}

export function stopTalk(element) {
  const call = talks.get(element);
  if (!call) return;
  talks.delete(element);
  call.stream.getTracks().forEach((t) => t.stop());
  call.pc.close();
  if (call.session) fetch(call.session, { method: 'DELETE' }).catch(() => {});
}

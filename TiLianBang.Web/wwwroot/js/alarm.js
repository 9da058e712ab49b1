// 故障接警: a short tone for a new alarm (two for trapped passengers), made in the browser, no audio file needed.
window.tlbAlarm = {
  beep(urgent) {
    const context = new (window.AudioContext || window.webkitAudioContext)();
    const tones = urgent ? [0, 0.35] : [0];
    for (const start of tones) {
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.frequency.value = urgent ? 1040 : 880;
      gain.gain.value = 0.2;
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(context.currentTime + start);
      oscillator.stop(context.currentTime + start + 0.25);
    }
  }
};

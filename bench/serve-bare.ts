import type { AddressInfo } from 'node:net';
import express from 'express';
import twilio from 'twilio';

// The baseline: a bare Express route that parses the form and returns fixed TwiML, in its own
// process. It tells the bench its port over IPC.
const app = express();
app.use(express.urlencoded({ extended: false }));
const emptyMessaging = new twilio.twiml.MessagingResponse().toString();
const greeting = new twilio.twiml.VoiceResponse();
greeting
  .gather({
    numDigits: 1,
    timeout: 5,
    action: 'http://127.0.0.1/twilio/voice/step?s=menu&l=zh-CN',
    actionOnEmptyResult: true,
  })
  .say(
    { voice: 'Polly.Zhiyu-Neural', language: 'cmn-CN' },
    '您好，这里是24小时市民投诉热线，通话将被录音。投诉请按1。',
  );
const fixedGreeting = greeting.toString();
app.post('/twilio/sms', (_req, res) => {
  res.type('text/xml').send(emptyMessaging);
});
app.post('/twilio/voice', (_req, res) => {
  res.type('text/xml').send(fixedGreeting);
});
const server = app.listen(0, '127.0.0.1', () => {
  process.send?.({ type: 'ready', port: (server.address() as AddressInfo).port });
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
process.on('disconnect', () => process.exit(0));

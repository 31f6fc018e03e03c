import express from 'express';
import twilio from 'twilio';

// The baseline: a bare Express route that parses the form and returns fixed TwiML.
const app = express();
app.use(express.urlencoded({ extended: false }));
const fixed = new twilio.twiml.MessagingResponse().toString();
app.post('/twilio/sms', (_req, res) => {
  res.type('text/xml').send(fixed);
});
const server = app.listen(Number(process.env.PORT), '127.0.0.1', () => {
  process.send?.('ready');
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));

// The accounts server.js creates before the tests run.
export const STAFF = {
  name: 'Dana Whitfield',
  email: 'dana@maple.example',
  password: 'a long browser-test password',
};

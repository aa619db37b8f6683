// The accounts server.js creates before the tests run.
export const STAFF = {
  name: 'Dana Whitfield',
  email: 'dana@maple.example',
  password: 'a long browser-test password',
};

/// A staff member who does not plan events (rosters, check-in).
export const FLOOR = {
  name: 'Sam Rivera',
  email: 'sam@maple.example',
  password: 'a long browser-test password',
};

/// Clients, created through the API with a sign-in name and a kiosk PIN.
export const CLIENTS = [
  { name: 'Kim C.', login: 'kim.c', password: 'a long client password', pin: '538271' },
  { name: 'Lee W.', login: 'lee.w', password: 'a long client password', pin: '749163' },
  // Does every task from the keyboard alone (keyboard-flows.spec.js).
  { name: 'Noa K.', login: 'noa.k', password: 'a long client password', pin: '905173' },
];

/// The administrator (settings, audit log).
export const ADMIN = {
  name: 'Ari Admin',
  email: 'ari@maple.example',
  password: 'a long browser-test password',
};

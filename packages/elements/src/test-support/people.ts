/** A customer's details as the document form asks for them (a person in Berlin). */
export const ANNA = {
  first_name: 'Anna',
  last_name: 'Müller',
  email: 'anna@beispiel.de',
  phone: '+49 30 1234567',
  country: 'DE',
  street: 'Unter den Linden',
  building_number: '8',
  zip_code: '10117',
  city: 'Berlin',
};

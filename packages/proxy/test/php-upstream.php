<?php
// A stand-in for api.zadarma.com in the proxy's tests, run by PHP's own server (`php -S`), so that
// every request the proxy signs is checked by PHP itself, the way Zadarma's PHP code does:
// ksort + http_build_query(RFC 1738) + base64(hex(HMAC-SHA1(path . query . md5(query), secret))).
// It answers with what it received, and appends each verified request to ZD_TEST_LOG (JSON lines).
$key = getenv('ZD_TEST_KEY');
$secret = getenv('ZD_TEST_SECRET');
$log = getenv('ZD_TEST_LOG');

$method = $_SERVER['REQUEST_METHOD'];
$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
header('Content-Type: application/json');

if ($method === 'GET') {
    $params = $_GET;
} elseif ($method === 'POST') {
    $params = $_POST; // form or multipart text fields; files are not signed
} else {
    parse_str(file_get_contents('php://input'), $params);
}

ksort($params);
$query = http_build_query($params, '', '&', PHP_QUERY_RFC1738);
$expected = $key . ':' . base64_encode(hash_hmac('sha1', $path . $query . md5($query), $secret));
$given = $_SERVER['HTTP_AUTHORIZATION'] ?? '';
if (!hash_equals($expected, $given)) {
    http_response_code(401);
    echo json_encode(['status' => 'error', 'message' => 'Not authorized']);
    return;
}

$files = [];
foreach ($_FILES as $field => $f) {
    $files[$field] = ['name' => $f['name'], 'type' => $f['type'], 'size' => $f['size'], 'error' => $f['error'],
        'sha256' => $f['error'] === 0 ? hash_file('sha256', $f['tmp_name']) : null];
}
file_put_contents($log, json_encode(['method' => $method, 'path' => $path, 'params' => $params, 'files' => $files]) . "\n", FILE_APPEND | LOCK_EX);

// A few operations answer in their own shape; everything else echoes.
$scenario = $params['caller_name'] ?? '';
if ($scenario === 'reject') {
    http_response_code(400);
    echo json_encode(['status' => 'error', 'message' => 'Wrong caller name']);
} elseif ($scenario === 'fail') {
    http_response_code(500);
    echo 'Internal Server Error';
} elseif ($scenario === 'ratelimit') {
    http_response_code(429);
    header('Retry-After: 3');
    header('X-RateLimit-Limit: 100');
    header('X-RateLimit-Remaining: 0');
    echo json_encode(['status' => 'error', 'message' => 'Too many requests']);
} elseif ($scenario === 'slow') {
    sleep(3);
    echo json_encode(['status' => 'success']);
} elseif ($path === '/v1/reseller/users/api_key/') {
    echo json_encode(['status' => 'success', 'user_id' => (int) $params['user_id'], 'allow_reset' => true,
        'key' => 'user-key-' . $params['user_id'], 'secret' => 'user-secret-' . $params['user_id']]);
} elseif ($path === '/v1/direct_numbers/available/13755/') {
    usleep(200000); // long enough for identical requests to overlap
    echo json_encode(['status' => 'success', 'numbers' => [['id' => 'n1', 'direction_id' => 13755, 'number' => '442037691880']]]);
} elseif ($path === '/v1/direct_numbers/order/') {
    echo json_encode(['status' => 'success', 'number' => '4930' . random_int(100000, 999999), 'is_reserved' => 'false', 'is_activated' => 'true']);
} else {
    echo json_encode(['status' => 'success', 'method' => $method, 'path' => $path, 'params' => $params, 'files' => $files]);
}
